// Preloaded into a benchmarked `newsbot` process (node --import): at exit it writes the process's
// peak resident memory as the last line on stderr, so a bench can read it without /usr/bin/time.
import process from 'node:process';

process.on('exit', () => {
  process.stderr.write(`\n${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
