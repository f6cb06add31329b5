import { onTestFinished, vi } from "vitest";

/**
 * Moves the clock the reference servers read (`Date.now`, in this process) `ms` forward instead of
 * sleeping until then; put back when the calling test finishes.
 */
export function advanceClock(ms: number): void {
  const now = Date.now.bind(Date);
  const spy = vi.spyOn(Date, "now").mockImplementation(() => now() + ms);
  onTestFinished(() => spy.mockRestore());
}
