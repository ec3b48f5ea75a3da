/** Feed documents written for the edge-case tests: one per class of trouble real feeds give. */

export const ATOM_NS = 'xmlns="http://www.w3.org/2005/Atom"';
const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** Atom 1.0 text constructs: every type, named and as a MIME type. */
export const ATOM_TYPES = `<?xml version="1.0" encoding="utf-8"?>
<feed ${ATOM_NS} xml:lang="en-GB">
  <title type="xhtml"><div ${XHTML}>The <b>Typed</b> &amp; Co</div></title>
  <id>urn:x</id><updated>2026-11-28T08:00:00Z</updated><link href="https://typed.example/"/>
  <entry><id>1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; more</title><link href="/1"/>
    <updated>2026-11-28T08:00:00Z</updated><content type="html">&lt;p&gt;One &lt;i&gt;html&lt;/i&gt;.&lt;/p&gt;</content></entry>
  <entry><id>2</id><title type="xhtml"><div ${XHTML}><em>Inline</em> &amp; xhtml</div></title><link href="/2"/>
    <updated>2026-11-28T08:00:00Z</updated><content type="xhtml"><div ${XHTML}><p>Two <b>xhtml</b>.</p></div></content></entry>
  <entry><id>3</id><title type="text/html">&lt;span&gt;MIME&lt;/span&gt; html&lt;br/&gt;title</title><link href="/3"/>
    <updated>2026-11-28T08:00:00Z</updated><content type="text/html">&lt;p&gt;Three &amp;amp; mime.&lt;/p&gt;</content></entry>
  <entry xml:lang="cy"><id>4</id><title type="application/xhtml+xml"><div ${XHTML}><strong>MIME</strong> xhtml</div></title><link href="/4"/>
    <updated>2026-11-28T08:00:00Z</updated><content type="application/xhtml+xml"><div ${XHTML}><p>Four <b>mime</b> xhtml.</p></div></content></entry>
  <entry><id>5</id><title type="text/plain">a &lt; b &amp;amp; c</title><link href="/5"/>
    <updated>2026-11-28T08:00:00Z</updated><content type="text/plain">Five &lt;b&gt; is literal.</content></entry>
</feed>`;

/** Atom 0.3: `mode="escaped"` and `mode="base64"` text. */
export const ATOM03 = `<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="fr">
  <title mode="escaped" type="text/html">&lt;b&gt;Vieux&lt;/b&gt; &amp;amp; flux</title>
  <link rel="alternate" type="text/html" href="https://old-atom.example/"/>
  <modified>2003-12-31T10:14:55Z</modified>
  <entry><title mode="base64" type="text/plain">${b64('Base64 title “quoted”')}</title><link rel="alternate" href="https://old-atom.example/1"/>
    <id>tag:old,1</id><issued>2003-12-31T10:14:55-05:00</issued><modified>2004-01-01T10:00:00Z</modified>
    <content mode="base64" type="text/html">${b64('<p>Base64 <b>html</b> content.</p>')}</content></entry>
  <entry><title mode="escaped" type="text/html">Escaped &lt;i&gt;html&lt;/i&gt; title</title><link rel="alternate" href="https://old-atom.example/2"/>
    <id>tag:old,2</id><issued>2003-12-30T10:00:00Z</issued>
    <content mode="escaped">&lt;p&gt;Escaped &lt;b&gt;content&lt;/b&gt;.&lt;/p&gt;</content>
    <summary mode="base64">${b64('Base64 summary.')}</summary></entry>
</feed>`;

/** RSS items dated only by DCMI terms, one term each. */
export const RSS_DCTERMS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:dcterms="http://purl.org/dc/terms/"><channel><title>Terms</title><link>https://terms.example/</link>
  <item><title>Issued</title><link>https://terms.example/1</link><dcterms:issued>2003-12-31T10:14:55Z</dcterms:issued></item>
  <item><title>Created</title><link>https://terms.example/2</link><dcterms:created>03-12-31</dcterms:created></item>
  <item><title>Modified</title><link>https://terms.example/3</link><dcterms:modified>Wed, 31 Dec 2003 10:14:55 EST</dcterms:modified></item>
  <item><title>Bad time</title><link>https://terms.example/4</link><pubDate>Wed, 31 Dec 2003 1:2:3:4 GMT</pubDate></item>
</channel></rss>`;

/** RSS 0.92 with its items after the channel, channel title only in dc:title, iTunes and Media RSS summaries. */
export const RSS_LOOSE = `<?xml version="1.0"?>
<rss version="0.92" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/">
<channel><dc:title>Loose &amp;amp; Wire</dc:title><link>https://loose.example/</link><language>de-DE</language></channel>
<item><title>Outside</title><link>https://loose.example/1</link><itunes:summary>Pod summary.</itunes:summary></item>
<item><title>Media</title><link>https://loose.example/2</link><media:group><media:description>Group description.</media:description></media:group></item>
<item><title>Media item</title><link>https://loose.example/3</link><media:description>Media description.</media:description><dc:language>fr</dc:language></item>
</rss>`;

/** RSS 1.0 with every element under an `rss:` prefix, an xhtml:body, and items outside the channel. */
export const RDF_PREFIXED = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <rss:channel rdf:about="https://prefixed.example/"><rss:title>Prefixed</rss:title><rss:link>https://prefixed.example/</rss:link><dc:language>en</dc:language></rss:channel>
  <rss:item rdf:about="https://prefixed.example/1"><rss:title>Body</rss:title><rss:link>https://prefixed.example/1</rss:link>
    <xhtml:body><xhtml:p>An <xhtml:b>xhtml</xhtml:b> body.<xhtml:br/>Line two.</xhtml:p></xhtml:body></rss:item>
</rdf:RDF>`;

/** RSS 0.90 (Netscape namespace) under a prefix. */
export const RSS090_PREFIXED = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:n="http://my.netscape.com/rdf/simple/0.9/">
  <n:channel><n:title>Ninety</n:title><n:link>https://ninety.example/</n:link><n:description>d</n:description></n:channel>
  <n:item><n:title>Old item</n:title><n:link>https://ninety.example/1</n:link></n:item>
</rdf:RDF>`;

/** RSS 2.0 under a prefix bound to the UserLand namespace, with a fullitem. */
export const RSS2_PREFIXED = `<?xml version="1.0"?>
<x:rss version="2.0" xmlns:x="http://backend.userland.com/rss2"><x:channel><x:title>Userland</x:title><x:link>https://userland.example/</x:link>
  <x:item><x:title>Full</x:title><x:link>https://userland.example/1</x:link><x:description>Short.</x:description>
  <fullitem>&lt;p&gt;The &lt;b&gt;full&lt;/b&gt; item.&lt;/p&gt;</fullitem></x:item>
</x:channel></x:rss>`;

/** JSON Feed with a feed language and one item that declares its own. */
export const JSON_LANG = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1', title: 'Sprachen', language: 'de', home_page_url: 'https://lang.example/',
  items: [{ id: '1', url: 'https://lang.example/1', title: 'Eins', content_text: 'Text.' }, { id: '2', url: 'https://lang.example/2', title: 'Deux', content_text: 'Texte.', language: 'fr-FR' }],
});
