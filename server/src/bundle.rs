//! One file to deploy: `rubric bundle` writes a copy of the `rubric` executable with the
//! built site (`<site-root>/pkg`: wasm, JS, CSS) appended, each file with its brotli and gzip
//! forms made once, at bundling. `rubric serve` on such a copy serves the site from itself
//! and needs no `target/site`; `--site-root` (or `LEPTOS_SITE_ROOT`) still serves a folder
//! instead, for development.
//!
//! The appended part, after the executable's own bytes (the loader never reads past them):
//! for each file, `u32` name length, name, then three `u64`-length-prefixed blobs (raw,
//! brotli, gzip; length 0 = not made), all little-endian; then a 24-byte trailer: the
//! length of that part (`u64`) and [`MAGIC`]. Strip the binary before bundling, not after.

use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::assets::{brotli_quality, compressed, read_pkg, Assets, Packed};

pub const MAGIC: &[u8; 16] = b"RUBRIC-SITE-v1\0\0";
const TRAILER: u64 = 24;
/// Far above any real site (the debug wasm is 27 MB); a larger claim is a damaged file.
const MAX_PAYLOAD: u64 = 1 << 30;

/// What `rubric bundle` wrote.
pub struct Written {
    pub files: usize,
    pub site_bytes: u64,
    pub total_bytes: u64,
}

/// Writes `exe` with the site of `site_root` appended to `out` (through `out.partial`, made
/// executable, renamed when complete). An `exe` that already carries a site is written
/// without it first.
pub fn write(exe: &Path, site_root: &Path, out: &Path) -> Result<Written> {
    let files = read_pkg(&site_root.join("pkg"))
        .with_context(|| format!("cannot read {}", site_root.join("pkg").display()))?;
    if files.is_empty() {
        bail!(
            "no built site in {}: build it first (cargo leptos build --release --split)",
            site_root.join("pkg").display()
        );
    }
    let mut payload = Vec::new();
    let count = files.len();
    let quality = brotli_quality(files.iter().map(|(_, raw)| raw.len()).sum());
    for (name, raw) in files {
        let (br, gz) = compressed(&raw, quality);
        payload.extend_from_slice(&(name.len() as u32).to_le_bytes());
        payload.extend_from_slice(name.as_bytes());
        for blob in [Some(raw), br, gz] {
            let blob = blob.unwrap_or_default();
            payload.extend_from_slice(&(blob.len() as u64).to_le_bytes());
            payload.extend_from_slice(&blob);
        }
    }
    let mut program =
        std::fs::read(exe).with_context(|| format!("cannot read {}", exe.display()))?;
    if let Some(start) = payload_start(&program)? {
        program.truncate(start as usize);
    }
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    let partial = out.with_file_name(name);
    {
        let mut f = std::fs::File::create(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        f.write_all(&program)?;
        f.write_all(&payload)?;
        f.write_all(&(payload.len() as u64).to_le_bytes())?;
        f.write_all(MAGIC)?;
        f.sync_all()?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o755))?;
    }
    std::fs::rename(&partial, out)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), out.display()))?;
    Ok(Written {
        files: count,
        site_bytes: payload.len() as u64,
        total_bytes: program.len() as u64 + payload.len() as u64 + TRAILER,
    })
}

/// Where the appended part starts in `bytes`, when they end with a trailer.
fn payload_start(bytes: &[u8]) -> Result<Option<u64>> {
    let len = bytes.len() as u64;
    if len < TRAILER || &bytes[bytes.len() - 16..] != MAGIC {
        return Ok(None);
    }
    let at = bytes.len() - TRAILER as usize;
    let size = u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    if size > MAX_PAYLOAD || size > len - TRAILER {
        bail!("the executable's appended site is damaged (it claims {size} bytes)");
    }
    Ok(Some(len - TRAILER - size))
}

/// The site this executable carries, if any.
pub fn embedded() -> Result<Option<Assets>> {
    let exe = std::env::current_exe().context("cannot find the running executable")?;
    from_file(&exe)
}

/// The site a bundled executable carries: `None` when it carries none.
pub fn from_file(path: &Path) -> Result<Option<Assets>> {
    let mut f =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let len = f.metadata()?.len();
    if len < TRAILER {
        return Ok(None);
    }
    let mut trailer = [0u8; TRAILER as usize];
    f.seek(SeekFrom::Start(len - TRAILER))?;
    f.read_exact(&mut trailer)?;
    if &trailer[8..] != MAGIC {
        return Ok(None);
    }
    let size = u64::from_le_bytes(trailer[..8].try_into().expect("8 bytes"));
    if size > MAX_PAYLOAD || size > len - TRAILER {
        bail!("the executable's appended site is damaged (it claims {size} bytes)");
    }
    f.seek(SeekFrom::Start(len - TRAILER - size))?;
    let mut payload = vec![0u8; size as usize];
    f.read_exact(&mut payload)?;
    Ok(Some(Assets::from_files(parse(&payload)?)))
}

/// The files of an appended part; any length running past its end is an error.
pub fn parse(mut p: &[u8]) -> Result<Vec<Packed>> {
    fn take<'a>(p: &mut &'a [u8], n: u64) -> Result<&'a [u8]> {
        if n > p.len() as u64 {
            bail!("the executable's appended site is damaged (a length runs past its end)");
        }
        let (head, tail) = p.split_at(n as usize);
        *p = tail;
        Ok(head)
    }
    let mut files = Vec::new();
    while !p.is_empty() {
        let n = u32::from_le_bytes(take(&mut p, 4)?.try_into().expect("4 bytes"));
        let name = std::str::from_utf8(take(&mut p, n as u64)?)
            .context("the executable's appended site is damaged (a name is not UTF-8)")?
            .to_string();
        if name.is_empty() || name.contains('/') || name.contains('\\') || name.starts_with('.') {
            bail!("the executable's appended site is damaged (a bad file name)");
        }
        let mut blobs = Vec::with_capacity(3);
        for _ in 0..3 {
            let n = u64::from_le_bytes(take(&mut p, 8)?.try_into().expect("8 bytes"));
            blobs.push(take(&mut p, n)?.to_vec());
        }
        let gzip = blobs.pop().filter(|b| !b.is_empty());
        let br = blobs.pop().filter(|b| !b.is_empty());
        let raw = blobs.pop().unwrap_or_default();
        files.push(Packed {
            name,
            raw,
            br,
            gzip,
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_carries_the_site_and_is_rebundled_without_the_old_one() {
        let dir = tempfile_dir("bundle");
        let site = dir.join("site");
        std::fs::create_dir_all(site.join("pkg")).unwrap();
        std::fs::write(site.join("pkg/rubric.js"), "export default 1;".repeat(200)).unwrap();
        std::fs::write(site.join("pkg/rubric.css"), "body{}").unwrap();
        let exe = dir.join("program");
        std::fs::write(&exe, b"\x7fELF not really a program").unwrap();
        let out = dir.join("rubric");
        let w = write(&exe, &site, &out).unwrap();
        assert_eq!(w.files, 2);
        let assets = from_file(&out).unwrap().expect("a site");
        let files = assets.files();
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].0, "rubric.css");
        assert_eq!(files[1].1, "export default 1;".repeat(200).as_bytes());
        assert!(
            from_file(&exe).unwrap().is_none(),
            "a plain program carries none"
        );

        // Bundling a bundle replaces its site.
        std::fs::write(site.join("pkg/rubric.css"), "body{color:red}").unwrap();
        let again = dir.join("rubric2");
        write(&out, &site, &again).unwrap();
        let bytes = std::fs::read(&again).unwrap();
        let start = payload_start(&bytes).unwrap().unwrap() as usize;
        assert_eq!(&bytes[..start], b"\x7fELF not really a program");
        let css = from_file(&again).unwrap().unwrap();
        assert_eq!(css.files()[0].1, b"body{color:red}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_damaged_appendix_is_an_error_not_a_panic() {
        let mut payload = Vec::new();
        payload.extend_from_slice(&3u32.to_le_bytes());
        payload.extend_from_slice(b"a.js");
        assert!(parse(&payload).is_err());
        let mut payload = Vec::new();
        payload.extend_from_slice(&4u32.to_le_bytes());
        payload.extend_from_slice(b"a.js");
        payload.extend_from_slice(&u64::MAX.to_le_bytes());
        assert!(parse(&payload).is_err());
        let mut payload = Vec::new();
        payload.extend_from_slice(&5u32.to_le_bytes());
        payload.extend_from_slice(b"../ab");
        for _ in 0..3 {
            payload.extend_from_slice(&0u64.to_le_bytes());
        }
        assert!(parse(&payload).is_err());
        // A trailer claiming more than the file holds.
        let mut bytes = b"program".to_vec();
        bytes.extend_from_slice(&1000u64.to_le_bytes());
        bytes.extend_from_slice(MAGIC);
        assert!(payload_start(&bytes).is_err());
    }

    fn tempfile_dir(tag: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("rubric-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }
}
