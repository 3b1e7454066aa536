//! A provincial office's roadmap (Road Map) tying local projects to a national plan, as seed 003 writes it.

use phaen_domain::Plan;

use super::Ctx;
use crate::error::Result;

pub fn read(_ctx: &mut Ctx) -> Result<Plan> {
    Err(crate::Error::NotAPlan("this kind of plan is not read yet".into()))
}
