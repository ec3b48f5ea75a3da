import { describe, expect, it } from 'vitest';
import { articleId, canonicalUrl } from '../../src/ingest/identity.js';

describe('canonicalUrl', () => {
  it('strips tracking parameters, fragments and default ports, and sorts the rest', () => {
    expect(canonicalUrl('HTTPS://Example.COM:443/news/a-story/?utm_source=x&b=2&fbclid=1&a=1#comments'))
      .toBe('https://example.com/news/a-story?a=1&b=2');
  });
  it('keeps parameters that name the article', () => {
    expect(canonicalUrl('https://example.com/article.php?id=42&utm_medium=rss')).toBe('https://example.com/article.php?id=42');
  });
  it('refuses what is not http(s)', () => {
    expect(canonicalUrl('ftp://example.com/x')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });
});

describe('articleId', () => {
  it('gives the same id to the same URL with and without tracking', () => {
    const a = articleId({ url: 'https://example.com/x?utm_campaign=1', title: 'A', text: 'one' });
    const b = articleId({ url: 'https://example.com/x#top', title: 'B', text: 'two' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });
  it('without a URL, hashes the text so curly vs straight quotes and spacing do not matter', () => {
    const a = articleId({ url: null, title: 'Title', text: '“Quote,” he said.\n\nMore.' });
    const b = articleId({ url: null, title: 'title', text: '"Quote," he  said.\nMore.' });
    expect(a).toBe(b);
    expect(articleId({ url: null, title: 'Title', text: 'Other text' })).not.toBe(a);
  });
});
