/** multipart/form-data bodies for the fakes, read with the platform's own parser (undici's FormData). */

/** Fields as strings, file parts as `{ filename, content }` (UTF-8 text). */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    out[key] = typeof value === 'string' ? value : { filename: value.name, content: await value.text() };
  }
  return out;
}
