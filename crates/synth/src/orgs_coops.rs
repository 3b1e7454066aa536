//! The demo's four invented members of the provincial office: a savings cooperative, an
//! agricultural cooperative, a community-tourism service cooperative and a rice farmers'
//! group, each with its own accounting year end and units.

use phaen_domain::{CoopType, OrgKind, OrgUnit, Organization, UnitKind};

use crate::orgs::{AGRI, Coop, FARMER, Flavour, PCO, SAVINGS, SERVICE, org, unit};
use UnitKind::{Committee as C, Division as D, Subcommittee as S};

pub fn coops() -> Vec<Coop> {
    vec![savings(), agricultural(), tourism(), rice_farmers()]
}

fn coop(
    code: &str,
    th: &str,
    en: &str,
    kind: OrgKind,
    t: Option<CoopType>,
    units: Vec<OrgUnit>,
) -> Organization {
    let mut o = org(code, th, en, kind, Some(PCO));
    o.coop_type = t;
    o.units = units;
    o
}

fn savings() -> Coop {
    let units = vec![
        unit("BOD", "คณะกรรมการดำเนินการ", "Board of Directors", C),
        unit("LOAN", "คณะกรรมการเงินกู้", "Loan Committee", C),
        unit(
            "EDU",
            "คณะกรรมการศึกษาและประชาสัมพันธ์",
            "Education and Public Relations Committee",
            C,
        ),
        unit(
            "RISK",
            "คณะอนุกรรมการบริหารความเสี่ยง",
            "Risk Management Sub-committee",
            S,
        ),
        unit("INV", "คณะอนุกรรมการการลงทุน", "Investment Sub-committee", S),
        unit("MGR", "ฝ่ายจัดการ", "Management", D),
        unit(
            "ACC",
            "ฝ่ายบัญชีและการเงิน",
            "Accounting and Finance Division",
            D,
        ),
        unit("CRD", "ฝ่ายสินเชื่อ", "Lending Division", D),
        unit(
            "MEM",
            "ฝ่ายทะเบียนและสวัสดิการสมาชิก",
            "Member Registry and Welfare Division",
            D,
        ),
        unit(
            "IT",
            "ฝ่ายเทคโนโลยีสารสนเทศ",
            "Information Technology Division",
            D,
        ),
    ];
    Coop {
        org: coop(
            SAVINGS,
            "สหกรณ์ออมทรัพย์บุคลากรสาธารณสุขพนาวัลย์ จำกัด",
            "Phanawan Public Health Staff Savings Cooperative Ltd.",
            OrgKind::Cooperative,
            Some(CoopType::Savings),
            units,
        ),
        flavour: Flavour::Savings,
        year_end: (12, 31),
        short: "สหกรณ์",
        founded: 2531,
    }
}

fn agricultural() -> Coop {
    let units = vec![
        unit("BOD", "คณะกรรมการดำเนินการ", "Board of Directors", C),
        unit("LOAN", "คณะกรรมการเงินกู้", "Loan Committee", C),
        unit(
            "EDU",
            "คณะกรรมการศึกษาและประชาสัมพันธ์",
            "Education and Public Relations Committee",
            C,
        ),
        unit(
            "MKC",
            "คณะอนุกรรมการธุรกิจรวบรวมผลผลิต",
            "Produce Collection Sub-committee",
            S,
        ),
        unit("MGR", "ฝ่ายจัดการ", "Management", D),
        unit(
            "ACC",
            "ฝ่ายบัญชีและการเงิน",
            "Accounting and Finance Division",
            D,
        ),
        unit("CRD", "ฝ่ายสินเชื่อ", "Lending Division", D),
        unit(
            "BIZ",
            "ฝ่ายธุรกิจรวบรวมและแปรรูปผลผลิต",
            "Produce Collection and Processing Division",
            D,
        ),
        unit("SUP", "ฝ่ายธุรกิจจัดหาสินค้า", "Farm Supplies Division", D),
    ];
    Coop {
        org: coop(
            AGRI,
            "สหกรณ์การเกษตรลุ่มน้ำใส จำกัด",
            "Lum Nam Sai Agricultural Cooperative Ltd.",
            OrgKind::Cooperative,
            Some(CoopType::Agricultural),
            units,
        ),
        flavour: Flavour::Agricultural,
        year_end: (3, 31),
        short: "สหกรณ์",
        founded: 2519,
    }
}

fn tourism() -> Coop {
    let units = vec![
        unit("BOD", "คณะกรรมการดำเนินการ", "Board of Directors", C),
        unit(
            "EDU",
            "คณะกรรมการศึกษาและประชาสัมพันธ์",
            "Education and Public Relations Committee",
            C,
        ),
        unit(
            "QA",
            "คณะอนุกรรมการมาตรฐานบริการ",
            "Service Standards Sub-committee",
            S,
        ),
        unit("MGR", "ฝ่ายจัดการ", "Management", D),
        unit(
            "ACC",
            "ฝ่ายบัญชีและการเงิน",
            "Accounting and Finance Division",
            D,
        ),
        unit(
            "BIZ",
            "ฝ่ายบริการท่องเที่ยวและที่พัก",
            "Tours and Lodging Division",
            D,
        ),
        unit(
            "MKT",
            "ฝ่ายการตลาดและสื่อสาร",
            "Marketing and Communications Division",
            D,
        ),
    ];
    Coop {
        org: coop(
            SERVICE,
            "สหกรณ์บริการท่องเที่ยวชุมชนผาหมอก จำกัด",
            "Pha Mok Community Tourism Service Cooperative Ltd.",
            OrgKind::Cooperative,
            Some(CoopType::Service),
            units,
        ),
        flavour: Flavour::Tourism,
        year_end: (6, 30),
        short: "สหกรณ์",
        founded: 2559,
    }
}

fn rice_farmers() -> Coop {
    let units = vec![
        unit("BOD", "คณะกรรมการดำเนินการกลุ่ม", "Group Committee", C),
        unit("LOAN", "คณะกรรมการพิจารณาเงินกู้", "Loan Committee", C),
        unit(
            "SUP",
            "คณะอนุกรรมการจัดหาปัจจัยการผลิต",
            "Farm Inputs Sub-committee",
            S,
        ),
        unit("MGR", "ฝ่ายจัดการ", "Management", D),
        unit("ACC", "ฝ่ายบัญชีและการเงิน", "Accounting and Finance", D),
    ];
    Coop {
        org: coop(
            FARMER,
            "กลุ่มเกษตรกรทำนาโคกสะอาด",
            "Khok Sa-at Rice Farmers' Group",
            OrgKind::FarmerGroup,
            None,
            units,
        ),
        flavour: Flavour::RiceFarmers,
        year_end: (9, 30),
        short: "กลุ่ม",
        founded: 2547,
    }
}
