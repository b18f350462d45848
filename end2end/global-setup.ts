// `cargo leptos end-to-end` starts the server but does not wait for it: poll /readyz first.
export default async function globalSetup() {
  const base = process.env.RUBRIC_BASE_URL ?? "http://127.0.0.1:3000";
  const deadline = Date.now() + 120_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Rubric did not become ready at ${base}: ${last}`);
}
