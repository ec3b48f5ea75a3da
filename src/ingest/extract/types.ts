/**
 * What an extractor returns for one page: the clean article and the metadata the page declares.
 * Absent fields are null, never empty strings.
 */
export interface Extracted {
  /** The headline, without the " | Site" suffix of `<title>`. */
  title: string | null;
  /** The clean body: paragraphs separated by one blank line. */
  text: string;
  /** The standfirst or meta description. */
  description: string | null;
  byline: string | null;
  /** Publication time as an ISO 8601 string. */
  published: string | null;
  /** The canonical URL the page names for itself. */
  url: string | null;
  /** A language tag such as "en" or "pt-BR". */
  language: string | null;
  /** The publication's name as the page gives it (og:site_name, JSON-LD publisher). */
  siteName?: string | null;
  /** The page's picture (og:image, twitter:image, JSON-LD image): absolute http(s), never fetched. */
  image?: string | null;
}

/** Input that cannot be read as a page (binary data, nothing there); the message is one line. */
export class ExtractError extends Error {
  override readonly name = 'ExtractError';
  constructor(message: string) {
    super(message.replace(/\s+/g, ' ').trim());
  }
}
