import { AppError } from '../errors';

/**
 * A counting semaphore with a bounded line: at most `size` renders hold a page, at most
 * `queueLimit` wait for one, and the next is refused at once rather than left to time out.
 */
export class RenderSlots {
  private free: number;
  private readonly waiting: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];

  constructor(size: number, private readonly queueLimit: number) {
    this.free = size;
  }

  acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queueLimit) {
      return Promise.reject(new AppError('unavailable', `PDF queue full (${this.queueLimit} waiting)`,
        'We are making a lot of PDFs right now. Please try again in a minute.'));
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next.resolve();
    else this.free += 1;
  }

  refuseWaiting(err: Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.reject(err);
  }
}
