//! The organizations of the national data set, all invented: 77 provincial offices of
//! imaginary provinces under the department, and cooperatives and farmer groups spread over
//! them in turn, each named from Phaen's own syllables.

use phaen_domain::{CoopType, OrgCode, OrgKind, Organization};

use crate::orgs::{Coop, Flavour, org};
use crate::rng::Rng;

/// How many provincial offices the national data set has.
pub const PROVINCES: usize = 77;

const FIRST: [&str; 12] = [
    "ศรี",
    "พนา",
    "ชล",
    "ภู",
    "ธารา",
    "กาญจน",
    "สุวรรณ",
    "รัตน",
    "วารี",
    "ไพร",
    "เวียง",
    "ดอน",
];
const SECOND: [&str; 10] = [
    "ทอง",
    "คีรี",
    "บุรี",
    "ธานี",
    "นคร",
    "วัลย์",
    "ราม",
    "สินธุ์",
    "เขต",
    "ภูมิ",
];
const PLACES: [&str; 16] = [
    "บ้านนา",
    "หนองบัว",
    "ห้วยทราย",
    "โคกสูง",
    "ท่าช้าง",
    "บางปลา",
    "ดอนแก้ว",
    "นาดี",
    "วังน้ำ",
    "หนองแวง",
    "ทุ่งทอง",
    "ป่าหวาย",
    "คลองใหม่",
    "บ่อหิน",
    "สามัคคี",
    "เจริญสุข",
];

/// The province names, one per office, the same for every seed.
pub fn province_names() -> Vec<String> {
    let mut names: Vec<String> = FIRST
        .iter()
        .flat_map(|a| SECOND.iter().map(move |b| format!("{a}{b}")))
        .collect();
    Rng::new(77).shuffle(&mut names);
    names.truncate(PROVINCES);
    names
}

/// The provincial office of province `p` (0-based), under `dept`.
pub fn province(p: usize, name: &str, dept: &OrgCode) -> Organization {
    org(
        &format!("PCO-N{:02}", p + 1),
        &format!("สำนักงานสหกรณ์จังหวัด{name}"),
        &format!("Provincial Cooperative Office {} (demo)", p + 1),
        OrgKind::ProvincialOffice,
        Some(dept.as_str()),
    )
}

/// Cooperative `i` (0-based) of the data set: in province `i % 77`; one in three a farmer
/// group, the others savings, agricultural or service cooperatives.
pub fn coop(i: usize, rng: &mut Rng, pco: &Organization, province: &str) -> Coop {
    let p = i % PROVINCES;
    let place = format!("{}{}", rng.pick(&PLACES), province);
    let (flavour, kind, th, short, year_end, coop_type) = match (i % 3, rng.below(3)) {
        (2, _) => (
            Flavour::RiceFarmers,
            OrgKind::FarmerGroup,
            format!("กลุ่มเกษตรกรทำนา{place}"),
            "กลุ่ม",
            (3, 31),
            None,
        ),
        (_, 0) => (
            Flavour::Savings,
            OrgKind::Cooperative,
            format!("สหกรณ์ออมทรัพย์{place} จำกัด"),
            "สหกรณ์",
            (12, 31),
            Some(CoopType::Savings),
        ),
        (_, 1) => (
            Flavour::Agricultural,
            OrgKind::Cooperative,
            format!("สหกรณ์การเกษตร{place} จำกัด"),
            "สหกรณ์",
            (3, 31),
            Some(CoopType::Agricultural),
        ),
        _ => (
            Flavour::Tourism,
            OrgKind::Cooperative,
            format!("สหกรณ์บริการท่องเที่ยวชุมชน{place} จำกัด"),
            "สหกรณ์",
            (6, 30),
            Some(CoopType::Service),
        ),
    };
    let mut o = org(
        &format!("N{:02}-{:05}", p + 1, i + 1),
        &th,
        &format!("Cooperative {} (demo)", i + 1),
        kind,
        Some(pco.code.as_str()),
    );
    o.coop_type = coop_type;
    Coop {
        org: o,
        flavour,
        year_end,
        short,
        founded: 2480 + rng.below(80) as u16,
    }
}
