//! A development plan (แผนพัฒนา) with a balanced-scorecard strategy map, as seed 002 writes it.

use phaen_domain::Plan;

use super::Ctx;
use crate::error::Result;

pub fn read(_ctx: &mut Ctx) -> Result<Plan> {
    Err(crate::Error::NotAPlan("this kind of plan is not read yet".into()))
}
