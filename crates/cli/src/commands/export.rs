//! `phaen export PLAN --format json|pdf|docx|xlsx [-o FILE] [--digits thai|arabic]`: the
//! canonical JSON of a whole plan, or the plan as a PDF or Word document in the layout Thai
//! agencies file for its kind, or an Excel workbook of its tables.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use phaen_store::{PlanStore, Store};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    /// The plan as a PDF in the layout Thai agencies file for its kind.
    Pdf,
    /// The plan as a Word document in the same layout.
    Docx,
    /// The KPI, action-plan, budget (and roadmap) tables, one sheet each.
    Xlsx,
}

/// The digits a document writes its text and page numbers in.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DigitsArg {
    Thai,
    Arabic,
}

impl From<DigitsArg> for phaen_documents::layout::Digits {
    fn from(d: DigitsArg) -> Self {
        match d {
            DigitsArg::Thai => phaen_documents::layout::Digits::Thai,
            DigitsArg::Arabic => phaen_documents::layout::Digits::Arabic,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The plan's id, or the first characters of it.
    plan: String,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// An earlier revision instead of the current one.
    #[arg(long)]
    revision: Option<u32>,
    /// Output file (default: stdout). An existing file is replaced only when complete.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Digits of a document's text and page numbers (not of JSON); numbers in a workbook stay
    /// numbers.
    #[arg(long, value_enum, default_value = "thai")]
    digits: DigitsArg,
}

pub async fn run(store: &Store, args: Args) -> Result<()> {
    let id = store.resolve_plan(&args.plan).await?;
    let plan = match args.revision {
        Some(n) => match store.load_revision(&id, n).await {
            Ok(p) => p,
            Err(phaen_store::Error::NotFound { .. }) => {
                let current = store.load_plan(&id).await?;
                if current.revision.as_ref().map_or(1, |r| r.number) != n {
                    anyhow::bail!("plan {id} has no revision {n}: see `phaen plan revisions {id}`");
                }
                current
            }
            Err(e) => return Err(e.into()),
        },
        None => store.load_plan(&id).await?,
    };
    let digits: phaen_documents::layout::Digits = args.digits.into();
    let bytes = match args.format {
        Format::Json => plan.to_json().into_bytes(),
        Format::Pdf => {
            let options = phaen_documents::layout::Options::new(digits);
            let doc = phaen_documents::layout::plan_document(&plan, &options);
            phaen_documents::pdf::render(&doc, options.digits)?
        }
        Format::Docx => {
            let options = phaen_documents::layout::Options::new(digits);
            let doc = phaen_documents::layout::plan_document(&plan, &options);
            phaen_documents::docx::write(&doc, digits)
                .with_context(|| format!("cannot write plan {id} as DOCX"))?
        }
        Format::Xlsx => phaen_documents::xlsx::write(&plan, digits)
            .with_context(|| format!("cannot write plan {id} as XLSX"))?,
    };
    match args.output {
        None if matches!(args.format, Format::Json) => {
            print!("{}", String::from_utf8_lossy(&bytes))
        }
        None => {
            use std::io::{IsTerminal, Write};
            let mut out = std::io::stdout();
            if out.is_terminal() {
                bail!("a document is binary: give -o FILE (or redirect the output to a file)");
            }
            out.write_all(&bytes)?;
        }
        Some(path) => write_whole(&path, &bytes)?,
    }
    Ok(())
}

/// Writes to a temporary file beside `path` and renames it, so a reader never sees half a file.
pub fn write_whole(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let Some(name) = path.file_name() else {
        bail!("{} is not a file name", path.display());
    };
    let tmp = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))
}
