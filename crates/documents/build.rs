//! Brings the Sarabun font (SIL Open Font License) into the build, so the PDF writer compiles
//! it in and a fresh machine needs nothing installed. The TTFs come from PHAEN_FONT_DIR when it
//! is set, else from the pinned npm package @expo-google-fonts/sarabun, whose tarball is
//! checked against its published sha512 integrity before anything in it is used.
//!
//! When the font cannot be had (offline, no PHAEN_FONT_DIR) the build still succeeds: it writes
//! why into OUT_DIR, and the PDF writer refuses with that reason instead of printing boxes or
//! falling back to another font.

use std::io::Read;
use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::Digest;

const VERSION: &str = "0.4.1";
const TARBALL: &str = "https://registry.npmjs.org/@expo-google-fonts/sarabun/-/sarabun-0.4.1.tgz";
const INTEGRITY: &str = "sha512-Q/mWAjNyaFT4ym8hZOdQJvTtSC56uxipJ1qzdpwW6znDCCLMas4zSnfflmnVNXPfoRVJoQCrxtTEg5yJ6BEw7w==";
/// The faces the documents use, as named in the package and in PHAEN_FONT_DIR.
const FACES: [&str; 4] = [
    "Sarabun_400Regular.ttf",
    "Sarabun_700Bold.ttf",
    "Sarabun_400Regular_Italic.ttf",
    "Sarabun_700Bold_Italic.ttf",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=PHAEN_FONT_DIR");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("fonts");
    let _ = std::fs::create_dir_all(&dir);
    let result = match std::env::var_os("PHAEN_FONT_DIR") {
        Some(from) => copy_from(Path::new(&from), &dir),
        None if FACES.iter().all(|f| dir.join(f).is_file()) => Ok(()),
        None => fetch(&dir),
    };
    let missing = match result {
        Ok(()) => String::new(),
        Err(why) => {
            println!("cargo:warning=PDF export will be unavailable: {why}");
            for f in FACES {
                let _ = std::fs::remove_file(dir.join(f));
            }
            why
        }
    };
    // The generated file says which faces there are; the writer include_bytes! them.
    let mut code = String::from(
        "/// The compiled-in font faces (file name, bytes).\npub static FACES: &[(&str, &[u8])] = &[\n",
    );
    if missing.is_empty() {
        for f in FACES {
            code.push_str(&format!(
                "    ({f:?}, include_bytes!({:?})),\n",
                dir.join(f).display().to_string()
            ));
        }
    }
    code.push_str(
        "];\n/// Why no font was compiled in (empty when it was).\npub static MISSING: &str = ",
    );
    code.push_str(&format!("{missing:?};\n"));
    std::fs::write(out.join("fonts.rs"), code).expect("OUT_DIR is writable");
}

fn copy_from(from: &Path, to: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed={}", from.display());
    for f in FACES {
        let src = from.join(f);
        std::fs::copy(&src, to.join(f)).map_err(|e| {
            format!(
                "PHAEN_FONT_DIR={} has no readable {f} ({e})",
                from.display()
            )
        })?;
    }
    Ok(())
}

fn fetch(to: &Path) -> Result<(), String> {
    let why = |e: String| {
        format!(
            "could not download the Sarabun font (npm @expo-google-fonts/sarabun {VERSION}): {e}; \
             set PHAEN_FONT_DIR to a folder holding {} and build again",
            FACES.join(", ")
        )
    };
    let mut body = Vec::new();
    // The machine's own trust store, so a site's or CI's TLS-inspecting proxy is trusted as the
    // machine trusts it.
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder().tls_config(tls).build().into();
    agent
        .get(TARBALL)
        .call()
        .map_err(|e| why(e.to_string()))?
        .into_body()
        .into_reader()
        .take(64 << 20)
        .read_to_end(&mut body)
        .map_err(|e| why(e.to_string()))?;
    let digest = sha2::Sha512::digest(&body);
    let got = format!(
        "sha512-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    if got != INTEGRITY {
        return Err(why(format!(
            "the tarball's integrity is {got}, expected {INTEGRITY}"
        )));
    }
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(body.as_slice()));
    let mut found = 0;
    for entry in archive.entries().map_err(|e| why(e.to_string()))? {
        let mut entry = entry.map_err(|e| why(e.to_string()))?;
        let path = entry.path().map_err(|e| why(e.to_string()))?.into_owned();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if FACES.contains(&name) {
            let mut bytes = Vec::new();
            entry
                .read_to_end(&mut bytes)
                .map_err(|e| why(e.to_string()))?;
            std::fs::write(to.join(name), bytes).map_err(|e| why(e.to_string()))?;
            found += 1;
        }
    }
    if found != FACES.len() {
        return Err(why(format!(
            "the package holds {found} of {} faces",
            FACES.len()
        )));
    }
    Ok(())
}
