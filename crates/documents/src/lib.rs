//! Documents out: a plan laid out the way Thai agencies file it (`layout`), then written as a
//! file a cooperative can print, sign and send.

pub mod layout;
pub mod pdf;
