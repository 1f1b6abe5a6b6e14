/** Calls `action` at most once per `ms` with the latest value; the last value always gets through. */
export function throttle<T>(ms: number, action: (value: T) => void): { push(value: T): void; flush(): void; cancel(): void } {
  let last = 0;
  let pending: { value: T } | null = null;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    last = Date.now();
    action(value);
  };
  return {
    push(value) {
      pending = { value };
      const wait = last + ms - Date.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    flush,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending = null;
    },
  };
}
