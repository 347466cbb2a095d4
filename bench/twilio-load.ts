/**
 * The load generator for bench/channels.ts, in a process of its own: CONCURRENCY senders
 * post signed Twilio webhooks (each with a fresh MessageSid) for DURATION_MS and print
 * their latencies as JSON.
 */
import twilio from 'twilio';

const [target, publicUrl, token, concurrency, durationMs, senders] = process.argv.slice(2);

async function main() {
  const phones = JSON.parse(senders) as string[];
  const latencies: number[] = [];
  let errors = 0;
  let sid = 0;
  const end = Date.now() + Number(durationMs);
  const worker = async (i: number) => {
    while (Date.now() < end) {
      const params = { MessageSid: `SM${process.pid}x${++sid}`, AccountSid: 'ACbench', From: phones[i % phones.length], To: '+12125550199', Body: 'what do I owe', NumMedia: '0' };
      const start = performance.now();
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, publicUrl, params) },
        body: new URLSearchParams(params).toString(),
      });
      const body = await res.text();
      latencies.push(performance.now() - start);
      if (res.status !== 200 || !body.includes('<Message')) errors++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: Number(concurrency) }, (_, i) => worker(i)));
  process.stdout.write(JSON.stringify({ latencies, errors, seconds: (Date.now() - started) / 1000 }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
