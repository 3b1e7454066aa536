//! A cooperative's strategic plan (แผนกลยุทธ์), as seed 000 writes it.

use phaen_domain::Plan;

use super::Ctx;
use crate::error::Result;

pub fn read(_ctx: &mut Ctx) -> Result<Plan> {
    Err(crate::Error::NotAPlan("strategic plans are not read yet".into()))
}
