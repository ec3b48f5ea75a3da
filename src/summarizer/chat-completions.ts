/**
 * One call to an OpenAI-compatible chat completions endpoint (Ollama, llama.cpp server, vLLM, a
 * hosted API): POST {model, messages} and read `choices[0].message.content`.
 * Spec: https://platform.openai.com/docs/api-reference/chat/create
 */

/** Where and how the model is called. `apiKey` is a secret: never logged, never in an error. */
export interface ChatEndpoint {
  /** The full URL of the endpoint, e.g. http://127.0.0.1:11434/v1/chat/completions */
  url: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

/** A chat message. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** A failed model call: the status or reason, never the key. */
export class ModelCallError extends Error {
  override readonly name = 'ModelCallError';
}

/** Bodies longer than this are not a summary. */
const MAX_BODY = 256 * 1024;

/** The reply's text, or a ModelCallError (timeout, HTTP error, a body that is not a chat completion). */
export async function chatCompletion(endpoint: ChatEndpoint, messages: ChatMessage[]): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
  let res: Response;
  let body: string;
  try {
    res = await fetch(endpoint.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: endpoint.model, messages, temperature: 0.2, stream: false }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
      redirect: 'error',
    });
    body = await res.text();
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new ModelCallError(timedOut ? `no answer within ${endpoint.timeoutMs} ms` : `could not reach the model endpoint (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!res.ok) throw new ModelCallError(`the model endpoint answered HTTP ${res.status}`);
  if (body.length > MAX_BODY) throw new ModelCallError('the model answer is too long');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ModelCallError('the model answer is not JSON');
  }
  const content = (parsed as { choices?: { message?: { content?: unknown } }[] } | null)?.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') throw new ModelCallError('the model answer has no choices[0].message.content text');
  return content;
}
