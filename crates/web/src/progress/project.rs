//! Projects on the follow-up page, the dashboard and the annual report: each project's periods
//! for a year with what was reported and where each report stands, and its latest approved
//! report (status, percent complete, money so far in the year).

use std::collections::HashMap;

use phaen_domain::money::Baht;
use phaen_domain::progress::{EntryState, Frequency, Period};
use phaen_domain::{BeYear, ElementId, Plan};
use phaen_store::progress::ReportingSetup;
use phaen_store::project_progress::ProjectEntry;

use super::page::{Cell, number, state_label};
use super::project_texts::{project_texts, status_label};
use crate::i18n::Lang;

/// How a project reports when its set-up says nothing: quarterly, as Thai agencies report
/// project progress.
pub const DEFAULT_FREQUENCY: Frequency = Frequency::Quarterly;

/// The project's reporting frequency from the set-up.
pub fn frequency_of(setups: &[ReportingSetup], project: &ElementId) -> Frequency {
    setups
        .iter()
        .find(|s| s.subject == project.as_str())
        .map_or(DEFAULT_FREQUENCY, |s| s.frequency)
}

/// The project's approved report of `year` whose period ends last, if any.
pub fn latest_approved<'a>(
    plan: &Plan,
    entries: &'a [ProjectEntry],
    project: &ElementId,
    year: BeYear,
) -> Option<&'a ProjectEntry> {
    entries
        .iter()
        .filter(|e| {
            &e.project == project && e.period.year == year && e.state == EntryState::Approved
        })
        .max_by_key(|e| (e.period.bounds(plan.year_basis).ok().map(|b| b.1), e.period))
}

/// An amount for a table: grouped figures, '-' when not reported.
pub fn baht_text(b: Option<Baht>) -> String {
    b.map_or("-".into(), |b| number(b.amount()))
}

/// One project's row on the follow-up page.
pub struct ProjectLine {
    pub id: String,
    pub title: String,
    pub frequency: &'static str,
    pub owner: String,
    pub cells: Vec<Cell>,
    pub status: &'static str,
    pub status_class: &'static str,
    pub percent: String,
    pub allocated: String,
    pub committed: String,
    pub disbursed: String,
}

/// Every project of `plan` for `year`: its periods (linked to the report form when `links`)
/// and its latest approved report.
pub fn project_lines(
    plan: &Plan,
    year: BeYear,
    setups: &[ReportingSetup],
    entries: &[ProjectEntry],
    links: bool,
    lang: Lang,
) -> Vec<ProjectLine> {
    let by_period: HashMap<(&str, Period), &ProjectEntry> = entries
        .iter()
        .map(|e| ((e.project.as_str(), e.period), e))
        .collect();
    plan.projects()
        .into_iter()
        .map(|project| {
            let frequency = frequency_of(setups, &project.id);
            let cells = Period::all(year, frequency)
                .into_iter()
                .map(|period| {
                    let entry = by_period.get(&(project.id.as_str(), period));
                    Cell {
                        label: period.label_th(plan.year_basis),
                        value: entry.map_or(String::new(), |e| {
                            format!(
                                "{} {}%",
                                status_label(e.report.status, lang),
                                e.report.percent.normalize()
                            )
                        }),
                        state: entry.map(|e| state_label(e.state, lang)),
                        state_class: entry.map_or("", |e| e.state.as_str()),
                        link: links.then(|| {
                            format!(
                                "/plans/{}/projects/{}/{}",
                                plan.id,
                                project.id,
                                period.key()
                            )
                        }),
                    }
                })
                .collect();
            let latest = latest_approved(plan, entries, &project.id, year);
            let owner = setups
                .iter()
                .find(|s| s.subject == project.id.as_str())
                .and_then(|s| s.owner_unit.clone())
                .unwrap_or_default();
            ProjectLine {
                id: project.id.to_string(),
                title: format!(
                    "{} {}",
                    project.label.clone().unwrap_or_default(),
                    project.title
                )
                .trim()
                .to_string(),
                frequency: match lang {
                    Lang::Th => frequency.label_th(),
                    Lang::En => frequency.as_str(),
                },
                owner,
                cells,
                status: latest.map_or(project_texts(lang).no_report, |e| {
                    status_label(e.report.status, lang)
                }),
                status_class: latest.map_or("none", |e| e.report.status.as_str()),
                percent: latest.map_or(String::new(), |e| e.report.percent.normalize().to_string()),
                allocated: baht_text(latest.and_then(|e| e.report.allocated)),
                committed: baht_text(latest.and_then(|e| e.report.committed)),
                disbursed: baht_text(latest.and_then(|e| e.report.disbursed)),
            }
        })
        .collect()
}
