//! Excel packages (or a worksheet wrapped into one) through the reader and the whole import.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    phaen_import_fuzz::contain_calamine_panics();
    let bytes = phaen_import_fuzz::xlsx(data);
    let _ = phaen_import::source::read(&bytes);
    let _ = phaen_import::read(&bytes, "fuzz.xlsx", None);
});
