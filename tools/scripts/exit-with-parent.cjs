// Preloaded into services that `npm start` and the end-to-end suites run as child processes:
// their stdin is a pipe from the parent, which closes when the parent dies in any way
// (Ctrl-C, SIGKILL, a crashed test runner). The service then shuts down as on SIGTERM —
// consumers stop, in-flight work finishes — instead of living on and holding its port.
if (process.env.NEWSROOM_EXIT_WITH_PARENT === '1' && !process.stdin.isTTY) {
  process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
  process.stdin.resume();
  // The pipe must not keep a service alive that is otherwise done.
  process.stdin.unref?.();
}
