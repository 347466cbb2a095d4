/** npm run bench [-- NAME…]: runs the benchmarks (all, or those named) and writes bench/results/*.json. */
import { benchChannels } from './channels';
import { benchConversation } from './conversation';
import { benchDesk } from './desk';
import { benchLedger } from './ledger';
import { benchPayments } from './payments';
import { benchPdf } from './pdf';
import { benchReminders } from './reminders';
import { benchSync } from './sync';

const BENCHES: Record<string, () => Promise<void>> = { ledger: benchLedger, conversation: benchConversation, pdf: benchPdf, channels: benchChannels, payments: benchPayments, sync: benchSync, reminders: benchReminders, desk: benchDesk };

async function main() {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    await bench();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
