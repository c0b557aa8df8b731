//! Running dw while measuring it: exit code, output, wall time and peak
//! memory. The peak is the child's own `VmHWM` (from `/proc/PID/status`,
//! sampled while it runs), not `wait4`'s `ru_maxrss`: Linux carries the
//! parent's high-water mark into a child at fork and exec, so a test process
//! that happens to be large would make any child look large.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a measured run showed.
pub struct Measured {
    pub code: i32,
    /// The last MiB of stdout (all of it, for any ordinary output): keeping
    /// a huge output would only measure the test, not dw.
    pub stdout: String,
    pub stdout_bytes: usize,
    pub stderr: String,
    /// The child's peak resident set, in KiB.
    pub peak_kib: i64,
    pub elapsed: Duration,
}

/// `VmHWM` of `pid` in KiB, while the process lives.
fn high_water_kib(pid: u32) -> Option<i64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Run `cmd` with no stdin, reading its output as it comes, and sample its
/// peak memory until it exits. `Command::spawn` returns once the child has
/// exec'd dw, so every sample is dw's own.
pub fn measured(cmd: &mut Command) -> Measured {
    let started = Instant::now();
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn dw");
    let pid = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let done = Arc::clone(&done);
        std::thread::spawn(move || {
            let mut peak = 0;
            while !done.load(Ordering::Relaxed) {
                if let Some(kib) = high_water_kib(pid) {
                    peak = peak.max(kib);
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            peak
        })
    };
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_t = std::thread::spawn(move || {
        const KEEP: usize = 1 << 20;
        let mut kept = Vec::new();
        let mut total = 0;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match out.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n;
                    kept.extend_from_slice(&buf[..n]);
                    if kept.len() > 2 * KEEP {
                        kept.drain(..kept.len() - KEEP);
                    }
                }
            }
        }
        if kept.len() > KEEP {
            kept.drain(..kept.len() - KEEP);
        }
        (String::from_utf8_lossy(&kept).to_string(), total)
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        String::from_utf8_lossy(&s).to_string()
    });
    // Its output closes when it exits; the sampler has seen it to the end.
    let (stdout, stdout_bytes) = out_t.join().expect("stdout");
    let stderr = err_t.join().expect("stderr");
    let status = child.wait().expect("wait for dw");
    let elapsed = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let peak_kib = sampler.join().expect("sampler");
    let code = match status.code() {
        Some(c) => c,
        None => {
            use std::os::unix::process::ExitStatusExt;
            128 + status.signal().unwrap_or(0)
        }
    };
    Measured {
        code,
        stdout,
        stdout_bytes,
        stderr,
        peak_kib,
        elapsed,
    }
}

impl Measured {
    /// Exit `code`, or fail showing the output.
    pub fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// stderr contains `needle`.
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n--- stderr\n{}",
            self.stderr
        );
        self
    }

    /// The peak stayed below `mib` MiB (printed with --nocapture, for the record).
    pub fn peak_below_mib(&self, mib: i64) -> &Self {
        // 0 when dw exited before the first sample (a few milliseconds).
        eprintln!("peak RSS {} KiB", self.peak_kib);
        assert!(
            self.peak_kib < mib * 1024,
            "peak RSS {} KiB, more than {mib} MiB",
            self.peak_kib
        );
        self
    }
}
