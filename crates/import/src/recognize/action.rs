//! A department's 5-year action plan (แผนปฏิบัติการ) with budgets in ล้านบาท and project sheets, as seed 004 writes it.

use phaen_domain::Plan;

use super::Ctx;
use crate::error::Result;

pub fn read(_ctx: &mut Ctx) -> Result<Plan> {
    Err(crate::Error::NotAPlan("this kind of plan is not read yet".into()))
}
