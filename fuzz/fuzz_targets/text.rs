//! Any bytes through the reader and the whole import: errors are fine, panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    phaen_import_fuzz::contain_calamine_panics();
    let _ = phaen_import::source::read(data);
    let _ = phaen_import::read(data, "fuzz.txt", None);
});
