//! The demo's organizations, all invented: a department, a federation, the provincial office
//! of an imaginary province (พนาวัลย์) and the cooperatives and farmer group under it, each
//! with its divisions, committees and sub-committees.

use phaen_domain::{OrgCode, OrgKind, OrgUnit, Organization, UnitKind};

pub const DEPT: &str = "DEPT";
pub const FED: &str = "FED";
pub const PCO: &str = "PCO-PNW";
pub const SAVINGS: &str = "PNW-SAV01";
pub const AGRI: &str = "PNW-AGR01";
pub const SERVICE: &str = "PNW-SRV01";
pub const FARMER: &str = "PNW-FG01";

/// Which phrase bank a cooperative's plan draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Savings,
    Agricultural,
    Tourism,
    RiceFarmers,
}

/// A cooperative or farmer group and what its plan needs to know about it.
#[derive(Debug, Clone)]
pub struct Coop {
    pub org: Organization,
    pub flavour: Flavour,
    /// The last day of its accounting year (month, day).
    pub year_end: (u8, u8),
    /// How its own texts call it: 'สหกรณ์' or 'กลุ่ม'.
    pub short: &'static str,
    /// The Buddhist-Era year it was registered.
    pub founded: u16,
}

/// Every demo organization.
#[derive(Debug, Clone)]
pub struct Orgs {
    pub dept: Organization,
    pub fed: Organization,
    pub pco: Organization,
    pub coops: Vec<Coop>,
}

impl Orgs {
    /// Parents first.
    pub fn all(&self) -> Vec<Organization> {
        let mut v = vec![self.dept.clone(), self.fed.clone(), self.pco.clone()];
        v.extend(self.coops.iter().map(|c| c.org.clone()));
        v
    }
}

pub(crate) fn unit(code: &str, th: &str, en: &str, kind: UnitKind) -> OrgUnit {
    OrgUnit {
        code: code.into(),
        name_th: th.into(),
        name_en: Some(en.into()),
        kind,
    }
}

pub(crate) fn org(
    code: &str,
    th: &str,
    en: &str,
    kind: OrgKind,
    parent: Option<&str>,
) -> Organization {
    Organization {
        code: OrgCode::parse(code).expect("a valid code"),
        name_th: th.into(),
        name_en: Some(en.into()),
        kind,
        coop_type: None,
        parent: parent.map(|p| OrgCode::parse(p).expect("a valid code")),
        units: Vec::new(),
    }
}

use UnitKind::{Committee as C, Division as D, Subcommittee as S};

pub fn build() -> Orgs {
    let mut dept = org(
        DEPT,
        "กรมพัฒนาการสหกรณ์",
        "Department of Cooperative Development (demo)",
        OrgKind::Department,
        None,
    );
    dept.units = vec![
        unit(
            "กยผ.",
            "กองยุทธศาสตร์และแผนงาน",
            "Strategy and Planning Division",
            D,
        ),
        unit(
            "กสธ.",
            "กองส่งเสริมธุรกิจสหกรณ์",
            "Cooperative Business Promotion Division",
            D,
        ),
        unit(
            "กพก.",
            "กองพัฒนากลุ่มเกษตรกร",
            "Farmer Group Development Division",
            D,
        ),
        unit(
            "กกส.",
            "กองกำกับและตรวจการสหกรณ์",
            "Cooperative Supervision Division",
            D,
        ),
        unit("ศทส.", "ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร", "ICT Centre", D),
        unit(
            "สพบ.",
            "สถาบันพัฒนาบุคลากรสหกรณ์",
            "Cooperative Personnel Development Institute",
            D,
        ),
        unit(
            "คขผ.",
            "คณะกรรมการขับเคลื่อนแผนปฏิบัติการ",
            "Action Plan Steering Committee",
            C,
        ),
        unit(
            "อคต.",
            "คณะอนุกรรมการติดตามและประเมินผล",
            "Monitoring and Evaluation Sub-committee",
            S,
        ),
    ];
    let mut fed = org(
        FED,
        "ชุมนุมสหกรณ์ออมทรัพย์ไทยพัฒนา จำกัด",
        "Thai Phatthana Federation of Savings Cooperatives Ltd.",
        OrgKind::Federation,
        Some(DEPT),
    );
    fed.units = vec![
        unit("BOD", "คณะกรรมการดำเนินการ", "Board of Directors", C),
        unit("MGR", "ฝ่ายจัดการ", "Management", D),
        unit(
            "FIN",
            "ฝ่ายการเงินและสินเชื่อ",
            "Finance and Lending Division",
            D,
        ),
        unit(
            "MEM",
            "ฝ่ายส่งเสริมและพัฒนาสหกรณ์สมาชิก",
            "Member Cooperative Development Division",
            D,
        ),
        unit(
            "IT",
            "ฝ่ายเทคโนโลยีสารสนเทศ",
            "Information Technology Division",
            D,
        ),
        unit(
            "HR",
            "ฝ่ายทรัพยากรบุคคลและฝึกอบรม",
            "Human Resources and Training Division",
            D,
        ),
        unit(
            "RISK",
            "คณะอนุกรรมการบริหารความเสี่ยง",
            "Risk Management Sub-committee",
            S,
        ),
        unit("INV", "คณะอนุกรรมการการลงทุน", "Investment Sub-committee", S),
    ];
    let mut pco = org(
        PCO,
        "สำนักงานสหกรณ์จังหวัดพนาวัลย์",
        "Phanawan Provincial Cooperative Office",
        OrgKind::ProvincialOffice,
        Some(DEPT),
    );
    pco.units = vec![
        unit(
            "กยผ.",
            "กลุ่มยุทธศาสตร์และแผนงาน",
            "Strategy and Planning Group",
            D,
        ),
        unit(
            "กสธ.",
            "กลุ่มส่งเสริมและพัฒนาธุรกิจสหกรณ์",
            "Business Development Group",
            D,
        ),
        unit(
            "กตก.",
            "กลุ่มตรวจการและกำกับดูแลสหกรณ์",
            "Inspection and Supervision Group",
            D,
        ),
        unit(
            "กสส.1",
            "กลุ่มส่งเสริมสหกรณ์ 1",
            "Cooperative Promotion Group 1",
            D,
        ),
        unit(
            "กสส.2",
            "กลุ่มส่งเสริมสหกรณ์ 2",
            "Cooperative Promotion Group 2",
            D,
        ),
        unit("ฝบท.", "ฝ่ายบริหารทั่วไป", "General Administration", D),
        unit(
            "คพจ.",
            "คณะทำงานขับเคลื่อนแผนระดับจังหวัด",
            "Provincial Plan Working Group",
            C,
        ),
    ];
    let coops = crate::orgs_coops::coops();
    Orgs {
        dept,
        fed,
        pco,
        coops,
    }
}
