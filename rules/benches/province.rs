//! A generated province-month scored with the Decree 335 profile, full traces.
//!
//! 20,000 officers × ~110 entries (≈2.2 M entries) in 50 cohorts. Prints
//! entries per second on 1 and 2 threads, the same formula hand-written in
//! Rust as the physical limit, the ratio, and peak memory (VmHWM).
//!
//! `cargo bench -p rubric-rules --bench province`
//! (`RUBRIC_BENCH_OFFICERS=2000` for a quicker run.)

use rubric_rules::numbers::round_half_away;
use rubric_rules::{
    Entry, EntryContribution, Officer, OfficerResult, ParamValues, Period, RuleEngine,
    RuleSetSource, ScoringInput, Status,
};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const COHORTS: usize = 50;

/// (code, norm minutes, coefficient, typical quantity) from DOMAIN.md's sample catalog.
const CATALOG: [(&str, f64, f64, u32); 11] = [
    ("B01", 120.0, 1.2, 3),
    ("B02", 180.0, 1.0, 2),
    ("B03", 360.0, 1.2, 1),
    ("C01", 960.0, 1.5, 1),
    ("C02", 720.0, 1.5, 1),
    ("C04", 90.0, 1.0, 2),
    ("C05", 6.0, 1.0, 40),
    ("C06", 9.0, 1.0, 30),
    ("C08", 30.0, 1.2, 4),
    ("C09", 480.0, 1.5, 1),
    ("D01", 60.0, 1.0, 3),
];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(1000) < percent * 10
    }
}

fn generate(officers: usize) -> ScoringInput {
    let mut rng = Rng(0x5EED_2025_0531);
    let start = chrono::NaiveDate::from_ymd_opt(2025, 5, 1).expect("date");
    let end = chrono::NaiveDate::from_ymd_opt(2025, 5, 31).expect("date");
    let list = (0..officers)
        .map(|i| {
            let count = 100 + rng.below(21) as usize;
            let entries: Vec<Entry> = (0..count)
                .map(|j| {
                    let (code, norm, coefficient, typical) = CATALOG[rng.below(11) as usize];
                    let assigned = 1 + rng.below(u64::from(typical) * 2) as u32;
                    let completed = match rng.below(100) {
                        0..=9 => rng.below(u64::from(assigned) + 1) as u32,
                        10..=14 => assigned + 1 + rng.below(3) as u32,
                        _ => assigned,
                    };
                    let day = start + chrono::Days::new(rng.below(25));
                    let deadline = rng.chance(70).then(|| day + chrono::Days::new(3));
                    let completed_on = match rng.below(100) {
                        0..=9 => Some(day + chrono::Days::new(5)),
                        10..=14 => None,
                        _ => Some(day + chrono::Days::new(1)),
                    };
                    let quality_failures = match rng.below(100) {
                        0..=5 => 1,
                        6..=7 => 2 + rng.below(3) as u32,
                        _ => 0,
                    };
                    Entry {
                        id: Arc::from(format!("e-{i}-{j}")),
                        date: Some(day),
                        task: Some(code.to_string()),
                        norm_minutes: norm,
                        coefficient,
                        assigned_qty: f64::from(assigned),
                        completed_qty: f64::from(completed),
                        deadline,
                        completed_on,
                        quality_failures,
                        delays: u32::from(rng.chance(5)),
                        objective_cause: rng.chance(2),
                    }
                })
                .collect();
            let mut criteria = BTreeMap::new();
            if !rng.chance(1) {
                criteria.insert("general".to_string(), 18.0 + rng.below(25) as f64 * 0.5);
            }
            Officer {
                id: format!("cb-{i:05}"),
                name: Some(format!("Cán bộ {i}")),
                unit: Some(format!("don-vi-{}", i % COHORTS)),
                position: Some("CV".into()),
                cohort: format!("nhom-{:02}", i % COHORTS),
                disqualified: rng.chance(1),
                criteria,
                entries: entries.into(),
                led_unit: None,
                months: Vec::new(),
            }
        })
        .collect();
    ScoringInput {
        period: Period {
            kind: "month".into(),
            start,
            end,
        },
        officers: list,
    }
}

/// The Decree 335 formula in plain Rust: totals, grades, the 20% cap and,
/// when `traces`, the same trace items with entry contributions.
fn native(input: &ScoringInput, traces: bool) -> Vec<(Option<f64>, Option<String>, usize)> {
    let mut out = Vec::with_capacity(input.officers.len());
    let mut tasks = Vec::with_capacity(input.officers.len());
    for o in &input.officers {
        let n = o.entries.len();
        let (mut sa, mut sc, mut sq, mut st) = (0.0, 0.0, 0.0, 0.0);
        let (mut done, mut quality, mut timely) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for e in o.entries.iter() {
            let u = e.norm_minutes / 60.0 * e.coefficient;
            let a = e.assigned_qty * u;
            let c = e.completed_qty * u;
            let delays = f64::from(e.delays).max(if e.completed_late() { 1.0 } else { 0.0 });
            let (q, t) = if e.objective_cause {
                (c, c)
            } else {
                (
                    c * (1.0 - 0.25 * f64::from(e.quality_failures)).max(0.0),
                    c * (1.0 - 0.25 * delays).max(0.0),
                )
            };
            sa += a;
            sc += c;
            sq += q;
            st += t;
            done.push(c);
            quality.push(q);
            timely.push(t);
        }
        let Some(general) = o.criteria.get("general").filter(|_| sa > 0.0) else {
            out.push((None, None, 0));
            tasks.push(0.0);
            continue;
        };
        let (a, b, c) = ((sc / sa).min(1.0), (sq / sa).min(1.0), (st / sa).min(1.0));
        let task = (a + b + c) / 3.0 * 70.0;
        let general = general.min(30.0);
        let total = round_half_away(general + task, 2);
        let mut refs = 0;
        if traces {
            let attribute = |points: f64, weights: &[f64]| -> Vec<EntryContribution> {
                let sum: f64 = weights.iter().sum();
                o.entries
                    .iter()
                    .zip(weights)
                    .filter(|(_, w)| **w > 0.0)
                    .map(|(e, w)| EntryContribution {
                        id: e.id.clone(),
                        contribution: round_half_away(points * w / sum, 4),
                    })
                    .collect()
            };
            let per = 70.0 / 3.0;
            let lost_q: Vec<f64> = done.iter().zip(&quality).map(|(c, q)| c - q).collect();
            let lost_t: Vec<f64> = done.iter().zip(&timely).map(|(c, t)| c - t).collect();
            let items = [
                attribute(per * a, &done),
                attribute(per * a, &done),
                attribute(per * a, &done),
                attribute(per * (b - a), &lost_q),
                attribute(per * (c - a), &lost_t),
            ];
            refs = items.iter().map(Vec::len).sum();
            std::hint::black_box(items);
        }
        let grade = if o.disqualified {
            "KHTNV"
        } else if total >= 90.0 {
            "HTXSNV"
        } else if total >= 70.0 {
            "HTTNV"
        } else if total >= 50.0 {
            "HTNV"
        } else {
            "KHTNV"
        };
        out.push((Some(total), Some(grade.to_string()), refs));
        tasks.push(task);
    }
    let mut cohorts: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, o) in input.officers.iter().enumerate() {
        if out[i].0.is_some() {
            cohorts.entry(&o.cohort).or_default().push(i);
        }
    }
    for members in cohorts.values() {
        let grade_is = |i: &usize, g: &str| out[*i].1.as_deref() == Some(g);
        let mut top: Vec<usize> = members
            .iter()
            .copied()
            .filter(|i| grade_is(i, "HTXSNV"))
            .collect();
        let good = members.iter().filter(|i| grade_is(i, "HTTNV")).count();
        let keep = top.len().min((good + top.len()) * 20 / 120);
        top.sort_by(|&p, &q| {
            let (tp, tq) = (out[p].0.unwrap_or(0.0), out[q].0.unwrap_or(0.0));
            tq.total_cmp(&tp)
                .then(tasks[q].total_cmp(&tasks[p]))
                .then(input.officers[p].id.cmp(&input.officers[q].id))
        });
        for &i in &top[keep..] {
            out[i].1 = Some("HTTNV".into());
        }
    }
    out
}

/// User + system CPU time of the whole process (all threads), from
/// /proc/self/stat in clock ticks of 10 ms (USER_HZ = 100 on Linux x86-64).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// How many cores the machine actually gives two busy threads right now:
/// the same fixed work on one thread, then on each of two threads.
fn effective_cores() -> f64 {
    fn spin() -> u64 {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..150_000_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        x
    }
    let t = Instant::now();
    std::hint::black_box(spin());
    let one = t.elapsed();
    let t = Instant::now();
    std::thread::scope(|s| {
        let a = s.spawn(spin);
        let b = s.spawn(spin);
        std::hint::black_box((a.join().ok(), b.join().ok()));
    });
    2.0 * one.as_secs_f64() / t.elapsed().as_secs_f64()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn per_second(entries: usize, elapsed: Duration) -> f64 {
    entries as f64 / elapsed.as_secs_f64()
}

fn mismatches(
    results: &[OfficerResult],
    reference: &[(Option<f64>, Option<String>, usize)],
) -> usize {
    results
        .iter()
        .zip(reference)
        .filter(|(r, (total, grade, _))| {
            let same_total = match (r.total, total) {
                (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                (None, None) => true,
                _ => false,
            };
            !same_total || r.grade != *grade
        })
        .count()
}

fn main() {
    let officers: usize = std::env::var("RUBRIC_BENCH_OFFICERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let t = Instant::now();
    let input = generate(officers);
    let entries = input.entry_count();
    println!(
        "province-month: {officers} officers, {entries} entries, {COHORTS} cohorts (generated in {:.2?})",
        t.elapsed()
    );

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/decree-335");
    let engine = RuleEngine::default();
    let source = RuleSetSource::from_dir(&dir).expect("profile");
    let rules = engine.compile(&source).expect("profile compiles");
    let params = ParamValues::new();

    let t = Instant::now();
    let formula = native(&input, false);
    let native_plain = t.elapsed();
    // The same profile without its cohort step, to split the time.
    let without_cohort = {
        let cut = source
            .script
            .find("/// Giới hạn:")
            .unwrap_or(source.script.len());
        let script = source.script[..cut].to_string();
        engine
            .compile(&RuleSetSource::new(
                script,
                source.params_json.clone(),
                "[]",
            ))
            .expect("profile without cohort compiles")
    };
    let t = Instant::now();
    let with_traces = native(&input, true);
    let native_traced = t.elapsed();
    let native_refs: usize = with_traces.iter().map(|r| r.2).sum();
    drop(with_traces);

    // A full warm-up run: the first run pays for growing the heap (page faults).
    drop(engine.score(&rules, &input, &params).expect("warm-up"));

    let mut script = Vec::new();
    for threads in [1, 2] {
        let cpu_before = cpu_time();
        let t = Instant::now();
        let results = engine
            .score_parallel(&rules, &input, &params, threads)
            .expect("scores");
        let elapsed = t.elapsed();
        let cpu = cpu_time()
            .zip(cpu_before)
            .map(|(after, before)| after.saturating_sub(before));
        let items: usize = results.iter().map(|r| r.trace.items().len()).sum();
        let refs: usize = results
            .iter()
            .flat_map(|r| r.trace.items())
            .map(|i| i.entries.len())
            .sum();
        let scored = results
            .iter()
            .filter(|r| r.status == Status::Scored)
            .count();
        let capped = results
            .iter()
            .filter(|r| r.trace.items().iter().any(|i| i.rule == "cohort.cap"))
            .count();
        println!(
            "script, {threads} thread(s): {elapsed:.2?} wall → {:.0} entries/s ({:.0} per thread); \
             CPU {} → {} entries per CPU-second; \
             {scored} scored, {capped} capped, {items} trace items, {refs} entry links; \
             {} differ from native",
            per_second(entries, elapsed),
            per_second(entries, elapsed) / threads as f64,
            cpu.map_or("?".into(), |c| format!("{c:.2?}")),
            cpu.map_or("?".into(), |c| format!("{:.0}", per_second(entries, c))),
            mismatches(&results, &formula)
        );
        script.push(elapsed);
        if threads == 1 {
            let sample = &results[..results.len().min(1000)];
            let bytes = serde_json::to_vec(sample).map(|b| b.len()).unwrap_or(0);
            println!(
                "  trace JSON: {:.1} KiB per officer",
                bytes as f64 / sample.len().max(1) as f64 / 1024.0
            );
        }
    }
    for threads in [1, 2] {
        let t = Instant::now();
        let results = engine
            .score_parallel(&without_cohort, &input, &params, threads)
            .expect("scores");
        println!(
            "  per-officer step alone, {threads} thread(s): {:.2?} ({} results)",
            t.elapsed(),
            results.len()
        );
    }
    println!(
        "native formula, 1 thread: {native_plain:.2?} → {:.0} entries/s; with trace items: \
         {native_traced:.2?} → {:.0} entries/s ({native_refs} entry links)",
        per_second(entries, native_plain),
        per_second(entries, native_traced)
    );
    println!(
        "ratio script/native (1 thread): {:.1}× the formula alone, {:.1}× formula with traces",
        script[0].as_secs_f64() / native_plain.as_secs_f64(),
        script[0].as_secs_f64() / native_traced.as_secs_f64()
    );

    let subset = ScoringInput {
        period: input.period.clone(),
        officers: input.officers[..officers.min(1000)].to_vec(),
    };
    let json = serde_json::to_vec(&subset).expect("serializes");
    let t = Instant::now();
    let parsed = ScoringInput::from_json(&json).expect("parses");
    println!(
        "input parsing (ScoringInput::from_json, {} officers): {:.0} entries/s",
        parsed.officers.len(),
        per_second(parsed.entry_count(), t.elapsed())
    );
    drop((json, parsed, subset));

    println!(
        "machine: {} CPUs, load average {}, two busy threads get {:.2} effective cores \
         (2.00 on an idle machine)",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average(),
        effective_cores()
    );
    match peak_memory_kib() {
        Some(kib) => println!("peak memory (VmHWM): {:.0} MiB", kib as f64 / 1024.0),
        None => println!("peak memory: /proc/self/status not readable"),
    }
}
