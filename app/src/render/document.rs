//! The programme report as a document for outside the organisation: the
//! annex's chapters in order as a list of [`Block`]s, written out as a PDF
//! (fonts embedded, charts drawn as vectors, page numbers) and as a Word
//! file that partners edit further. The same blocks feed both, so the two
//! files never say different things.
//!
//! What is left out, on purpose: free text nobody marked publishable (the
//! recruitment's drop-out reasons, and the answers quoted in the app until
//! the coordinator marks them), every name, and every count of 1 to 4
//! people (written "< 5", and a chart made of one left out: a reader who
//! knows the programme could otherwise tell who answered what).

use super::report::{bars, hours, Bars};
use crate::i18n::format::format_date;
use crate::i18n::{choice_msg, question_msg};
use crate::i18n::{labels, meeting_form_label, Lang, Msg};
use crate::model::*;

/// One piece of the document, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title(String),
    /// Level 1 (chapter) to 3.
    Heading(u8, String),
    Text(String),
    /// A smaller, muted line (what counts, where a figure comes from).
    Note(String),
    Table {
        caption: Option<String>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Chart(Bars),
    /// An answer quoted as written (marked publishable).
    Quote(String),
}

/// The quotes of a list that were marked publishable, under their heading;
/// nothing when none was.
fn quoted(heading: String, list: &[Quote]) -> Vec<Block> {
    let marked: Vec<Block> = list
        .iter()
        .filter(|q| q.publishable)
        .map(|q| Block::Quote(q.text.clone()))
        .collect();
    if marked.is_empty() {
        return marked;
    }
    let mut blocks = vec![Block::Text(heading)];
    blocks.extend(marked);
    blocks
}

/// Rows of a label and a count of people (small counts hidden).
fn count_rows<K: Copy>(
    rows: &[(K, u32)],
    label: impl Fn(K) -> Msg,
    lang: Lang,
) -> Vec<Vec<String>> {
    rows.iter()
        .map(|(k, n)| vec![label(*k).text(lang).to_string(), outside_count(*n)])
        .collect()
}

/// The report as blocks, in `lang`, in the order of the annex (and of the
/// page in the app).
pub fn document(report: &ProgrammeReport, lang: Lang) -> Vec<Block> {
    let t = |m: Msg| m.text(lang).to_string();
    let mut charts = bars(report, lang);
    // A chart made of a small count would show it: left out (its table
    // says "< 5").
    let mut chart = |id: &str| {
        charts
            .iter()
            .position(|b| b.id == id)
            .map(|at| charts.remove(at))
            .filter(|b| !b.people.iter().any(|n| is_small_count(*n)))
            .map(Block::Chart)
    };
    let narrative = |section: NarrativeSection| -> Vec<Block> {
        let text = report.narrative(section).trim();
        let mut blocks = vec![Block::Heading(2, t(labels::narrative_section(section)))];
        if text.is_empty() {
            blocks.push(Block::Note(t(Msg::NarrativeNotWritten)));
        } else {
            blocks.extend(
                text.split("\n\n")
                    .map(|p| p.trim())
                    .filter(|p| !p.is_empty())
                    .map(|p| Block::Text(p.to_string())),
            );
        }
        blocks
    };
    let value_people = vec![t(Msg::ColValue), t(Msg::ColPeople)];
    let mut out = vec![
        Block::Title(Msg::ReportTitle.fill(lang, &[("name", &report.programme_name)])),
        Block::Text(Msg::ReportRange.fill(
            lang,
            &[
                ("from", &format_date(report.from, lang)),
                ("to", &format_date(report.to, lang)),
            ],
        )),
        Block::Note(t(Msg::ReportWhatCounts)),
        Block::Note(t(Msg::SmallCountsNote)),
    ];
    out.extend(narrative(NarrativeSection::Introduction));

    out.push(Block::Heading(1, t(Msg::ChapterOrganisation)));
    out.extend(narrative(NarrativeSection::Context));
    out.push(Block::Heading(2, t(Msg::SectionRecruitment)));
    for table in &report.recruitment {
        out.push(Block::Heading(
            3,
            Msg::RecruitmentOf.fill(lang, &[("who", labels::who(table.kind).text(lang))]),
        ));
        out.extend(chart(&format!("chart-recruitment-{}", table.kind.key())));
        out.push(Block::Table {
            caption: None,
            header: [
                Msg::ColStage,
                Msg::ColEntered,
                Msg::ColWentOn,
                Msg::ColDroppedOut,
            ]
            .map(t)
            .to_vec(),
            rows: table
                .rows
                .iter()
                .filter_map(|r| {
                    Some(vec![
                        t(labels::stage(r.stage?)),
                        outside_count(r.entered),
                        outside_count(r.went_on),
                        outside_count(r.dropped),
                    ])
                })
                .collect(),
        });
        out.push(Block::Text(
            Msg::AcceptedCount.fill(lang, &[("n", &table.accepted.to_string())]),
        ));
    }

    out.push(Block::Heading(2, t(Msg::SectionProfile)));
    out.push(Block::Note(t(Msg::ProfileNoCoordinators)));
    out.extend(chart("chart-gender"));
    out.extend(chart("chart-age"));
    out.extend(chart("chart-employment"));
    for (kind, p) in &report.profiles {
        out.push(Block::Heading(
            3,
            Msg::ProfileOf.fill(
                lang,
                &[
                    ("who", labels::who(*kind).text(lang)),
                    ("n", &p.people.to_string()),
                ],
            ),
        ));
        out.push(Block::Table {
            caption: Some(t(Msg::GenderLabel)),
            header: value_people.clone(),
            rows: count_rows(&p.gender, labels::gender_or_not, lang),
        });
        out.push(Block::Table {
            caption: Some(t(Msg::AgeBandLabel)),
            header: value_people.clone(),
            rows: count_rows(&p.age, labels::age_band, lang),
        });
        out.push(Block::Table {
            caption: Some(t(Msg::EmploymentLabel)),
            header: value_people.clone(),
            rows: count_rows(&p.employment, labels::employment_or_not, lang),
        });
    }

    let t1 = &report.table1;
    out.push(Block::Heading(2, t(Msg::SectionStructure)));
    let whole = |value: String| vec![value, String::new()];
    let mut table1 = vec![
        [
            vec![t(Msg::T1Format)],
            whole(t(labels::programme_format(t1.format))),
        ]
        .concat(),
        [
            vec![t(Msg::T1Typology)],
            whole(t(labels::typology(t1.typology))),
        ]
        .concat(),
        [
            vec![t(Msg::T1Duration)],
            whole(Msg::T1Months.fill(lang, &[("n", &t1.duration_months.to_string())])),
        ]
        .concat(),
    ];
    for (item, total, completed) in [
        (Msg::T1Managers, t1.managers, t1.managers_completed),
        (Msg::T1Mentors, t1.mentors, t1.mentors_completed),
        (Msg::T1Mentees, t1.mentees, t1.mentees_completed),
    ] {
        table1.push(vec![t(item), total.to_string(), completed.to_string()]);
    }
    table1.push([vec![t(Msg::T1Processes)], whole(t1.processes.to_string())].concat());
    out.push(Block::Table {
        caption: Some(t(Msg::Table1Title)),
        header: vec![String::new(), t(Msg::ColPeople), t(Msg::EndCompleted)],
        rows: table1,
    });
    out.push(Block::Table {
        caption: Some(t(Msg::SectionMatching)),
        header: vec![String::new(), t(Msg::ColValue)],
        rows: [
            (Msg::PairsMatched, t1.pairs_matched.to_string()),
            (Msg::PairsConfirmed, t1.processes.to_string()),
            (Msg::EndCompleted, t1.completed.to_string()),
            (Msg::EndDroppedOut, outside_count(t1.dropped_out)),
            (Msg::EndNotConfirmed, outside_count(t1.not_confirmed)),
        ]
        .into_iter()
        .map(|(m, n)| vec![t(m), n])
        .collect(),
    });
    if !t1.drop_reasons.is_empty() {
        out.push(Block::Table {
            caption: Some(t(Msg::WhyPairsEnded)),
            header: vec![t(Msg::ColWhy), t(Msg::ColValue)],
            rows: count_rows(&t1.drop_reasons, labels::drop_reason, lang),
        });
    }

    out.push(Block::Heading(1, t(Msg::ChapterResults)));
    out.push(Block::Heading(2, t(Msg::SectionChange)));
    out.push(Block::Table {
        caption: None,
        header: [
            Msg::ColReportAndSide,
            Msg::ColReportCount,
            Msg::Yes,
            Msg::No,
        ]
        .map(t)
        .to_vec(),
        rows: report
            .change
            .iter()
            .map(|c| {
                vec![
                    t(labels::report_side(c.kind, c.respondent)),
                    c.reports.to_string(),
                    outside_count(c.change.yes),
                    outside_count(c.change.no),
                ]
            })
            .collect(),
    });

    for c in &report.change {
        let side = t(labels::report_side(c.kind, c.respondent));
        out.extend(quoted(
            format!("{side}: {}", t(Msg::QuotesSaidYes)),
            &c.change.yes_quotes,
        ));
        out.extend(quoted(
            format!("{side}: {}", t(Msg::QuotesSaidNo)),
            &c.change.no_quotes,
        ));
    }
    let role: Vec<Block> = report
        .change
        .iter()
        .flat_map(|c| {
            quoted(
                t(labels::report_side(c.kind, c.respondent)),
                &c.mentor_influence,
            )
        })
        .collect();
    if !role.is_empty() {
        out.push(Block::Heading(2, t(Msg::SectionMentorRole)));
        out.extend(role);
    }

    out.push(Block::Heading(2, t(Msg::SectionStatements)));
    out.extend(chart("chart-statements"));
    let mut header = vec![t(Msg::ColStatement)];
    header.extend(
        STATEMENT_COLUMNS
            .iter()
            .map(|(k, r)| t(labels::report_side(*k, *r))),
    );
    out.push(Block::Table {
        caption: None,
        header,
        rows: report
            .statements
            .iter()
            .map(|row| {
                let mut cells = vec![t(question_msg(row.question, ReportKind::Final))];
                cells.extend(row.answers.iter().map(|a| {
                    [
                        (Choice::Agree, a.agree),
                        (Choice::Disagree, a.disagree),
                        (Choice::CouldBeImproved, a.could_be_improved),
                    ]
                    .iter()
                    .map(|(c, n)| format!("{}: {}", choice_msg(*c).text(lang), outside_count(*n)))
                    .collect::<Vec<_>>()
                    .join("\n")
                }));
                cells
            })
            .collect(),
    });

    for row in &report.statements {
        out.extend(quoted(
            t(question_msg(row.question, ReportKind::Final)),
            &row.quotes,
        ));
    }

    out.push(Block::Heading(2, t(Msg::SectionCompetences)));
    out.extend(chart("chart-competences"));
    let split = CHILD_STATEMENTS.len() + PARENT_STATEMENTS.len();
    for (heading, rows) in [
        (
            Msg::SectionCompetencesMentee,
            report.competences.get(..split),
        ),
        (
            Msg::SectionCompetencesMentor,
            report.competences.get(split..),
        ),
    ] {
        out.push(Block::Heading(3, t(heading)));
        out.push(Block::Table {
            caption: None,
            header: [Msg::ColStatement, Msg::Yes, Msg::No, Msg::ColYesShare]
                .map(t)
                .to_vec(),
            rows: rows
                .unwrap_or_default()
                .iter()
                .map(|row| {
                    let (yes, no) = (row.answers.yes, row.answers.no);
                    // A share would give a hidden count away.
                    let share = if is_small_count(yes) || is_small_count(no) {
                        "–".to_string()
                    } else {
                        format!("{} %", percent(yes, yes + no))
                    };
                    vec![
                        t(question_msg(row.question, ReportKind::Final)),
                        outside_count(yes),
                        outside_count(no),
                        share,
                    ]
                })
                .collect(),
        });
        for row in rows.unwrap_or_default() {
            let mut list = row.answers.yes_quotes.clone();
            list.extend(row.answers.no_quotes.iter().cloned());
            out.extend(quoted(
                t(question_msg(row.question, ReportKind::Final)),
                &list,
            ));
        }
    }

    out.push(Block::Heading(2, t(Msg::SectionSatisfaction)));
    let would = &report.satisfaction.would_change;
    out.push(Block::Table {
        caption: None,
        header: [Msg::ColStatement, Msg::Yes, Msg::No].map(t).to_vec(),
        rows: vec![vec![
            t(question_msg(Question::WouldChange, ReportKind::Final)),
            outside_count(would.yes),
            outside_count(would.no),
        ]],
    });
    out.extend(quoted(t(Msg::QuotesSaidYes), &would.yes_quotes));
    out.extend(quoted(
        t(question_msg(Question::AdviceNewPairs, ReportKind::Final)),
        &report.satisfaction.advice,
    ));
    out.extend(quoted(
        t(question_msg(Question::Comment, ReportKind::Midterm)),
        &report.satisfaction.comments,
    ));

    out.push(Block::Heading(2, t(Msg::SectionMeetingsHeld)));
    out.push(Block::Text(Msg::MeetingsTotal.fill(
        lang,
        &[
            ("n", &report.meetings.meetings.to_string()),
            ("hours", &hours(report.meetings.minutes)),
        ],
    )));
    out.extend(chart("chart-meetings"));
    out.push(Block::Table {
        caption: None,
        header: [Msg::ColMonth, Msg::ColMeetings, Msg::ColHours]
            .map(t)
            .to_vec(),
        rows: report
            .meetings
            .by_month
            .iter()
            .map(|m| vec![m.month.clone(), m.meetings.to_string(), hours(m.minutes)])
            .collect(),
    });
    out.push(Block::Table {
        caption: Some(t(Msg::ColFormOfMeeting)),
        header: vec![t(Msg::ColValue), t(Msg::ColMeetings)],
        rows: report
            .meetings
            .by_form
            .iter()
            .map(|(form, n)| {
                vec![
                    meeting_form_label(*form).text(lang).to_string(),
                    n.to_string(),
                ]
            })
            .collect(),
    });

    out.push(Block::Heading(2, t(Msg::SectionSchoolPlan)));
    if report.measures.is_empty() {
        out.push(Block::Note(t(Msg::NoAnswersYet)));
    } else {
        out.push(Block::Table {
            caption: None,
            header: vec![t(Msg::ColMeasureState), t(Msg::ColValue)],
            rows: report
                .measures
                .iter()
                .map(|(state, n)| {
                    vec![
                        labels::measure_state(*state).text(lang).to_string(),
                        n.to_string(),
                    ]
                })
                .collect(),
        });
    }
    out.extend(narrative(NarrativeSection::ResultsSummary));

    out.push(Block::Heading(1, t(Msg::ChapterChallenges)));
    out.extend(narrative(NarrativeSection::Challenges));
    out.extend(narrative(NarrativeSection::FinalRemarks));
    out
}

// ------------------------------------------------------------------ PDF

/// The fonts embedded in every PDF (DejaVu: free, with every letter of the
/// languages the app speaks; krilla keeps only the glyphs used).
const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// The words around the numbers of "Page 3 of 12" at the foot of every
/// page. Only the server writes these files, so they are kept here rather
/// than among the browser's messages.
fn page_words(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("Page ", " of "),
        Lang::Ro => ("Pagina ", " din "),
    }
}

fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    let (before, between) = page_words(lang);
    format!("{before}{page}{between}{pages}")
}

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 56.0;
const BOTTOM: f32 = PAGE_H - 60.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const BLACK: (u8, u8, u8) = (0x22, 0x22, 0x22);
const GREY: (u8, u8, u8) = (0x5c, 0x5c, 0x5c);
const RULE: (u8, u8, u8) = (0xcc, 0xcc, 0xcc);
/// The chart colours of the page's SVG charts.
const SERIES: [(u8, u8, u8); 4] = [
    (0x1f, 0x4e, 0x79),
    (0xe0, 0x8a, 0x2c),
    (0x5f, 0x8f, 0x3e),
    (0x9b, 0x4a, 0x7a),
];

/// What is drawn on a page, in points from its top left corner (text at
/// its baseline).
#[derive(Clone, Debug, PartialEq)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: (u8, u8, u8),
    },
}

/// Widths of text in the embedded fonts, for wrapping lines.
struct Metrics {
    regular: skrifa::FontRef<'static>,
    bold: skrifa::FontRef<'static>,
}

impl Metrics {
    fn new() -> Option<Metrics> {
        Some(Metrics {
            regular: skrifa::FontRef::new(REGULAR).ok()?,
            bold: skrifa::FontRef::new(BOLD).ok()?,
        })
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        use skrifa::instance::{LocationRef, Size};
        use skrifa::MetadataProvider;
        let font = if bold { &self.bold } else { &self.regular };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.6)
            })
            .sum()
    }

    /// `text` in lines no wider than `width` (broken at spaces, a word too
    /// long for a line broken where it must; line breaks kept).
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, bold) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size, bold) > width && line.chars().count() > 1 {
                        let last = line.pop().unwrap_or(c);
                        lines.push(std::mem::take(&mut line));
                        line.push(last);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// Lays the blocks out on A4 pages.
struct Layout {
    metrics: Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Layout {
    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more fits on this one.
    fn room_for(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    fn op(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, colour: (u8, u8, u8), text: &str) {
        if !text.is_empty() {
            self.op(Op::Text {
                x,
                y,
                size,
                bold,
                colour,
                text: text.to_string(),
            });
        }
    }

    /// Running text: wrapped, and carried over to the next page line by line.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: (u8, u8, u8), after: f32) {
        self.indented(0.0, text, size, bold, colour, after);
    }

    fn indented(
        &mut self,
        indent: f32,
        text: &str,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        after: f32,
    ) {
        let leading = size * 1.4;
        for line in self.metrics.wrap(text, size, bold, CONTENT_W - indent) {
            self.room_for(leading);
            self.y += leading;
            self.text(
                MARGIN + indent,
                self.y - size * 0.3,
                size,
                bold,
                colour,
                &line,
            );
        }
        self.y += after;
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Title(text) => self.paragraph(text, 20.0, true, BLACK, 8.0),
            Block::Heading(level, text) => {
                let size = match level {
                    1 => 16.0,
                    2 => 13.0,
                    _ => 11.0,
                };
                // Never alone at the foot of a page.
                self.room_for(size * 1.4 + 60.0);
                self.y += size * 0.6;
                self.paragraph(text, size, true, BLACK, 4.0);
            }
            Block::Text(text) => self.paragraph(text, 10.0, false, BLACK, 6.0),
            Block::Note(text) => self.paragraph(text, 8.5, false, GREY, 6.0),
            Block::Table {
                caption,
                header,
                rows,
            } => self.table(caption.as_deref(), header, rows),
            Block::Chart(bars) => self.chart(bars),
            Block::Quote(text) => self.indented(16.0, &format!("“{text}”"), 9.5, false, GREY, 4.0),
        }
    }

    fn table(&mut self, caption: Option<&str>, header: &[String], rows: &[Vec<String>]) {
        const SIZE: f32 = 9.0;
        const LEADING: f32 = 12.0;
        const PAD: f32 = 4.0;
        let columns = header.len().max(1);
        let first = if columns == 1 {
            CONTENT_W
        } else if columns == 2 {
            CONTENT_W * 0.7
        } else {
            CONTENT_W * 0.45
        };
        let other = (CONTENT_W - first) / (columns.saturating_sub(1).max(1)) as f32;
        let widths: Vec<f32> = (0..columns)
            .map(|c| if c == 0 { first } else { other })
            .collect();
        let lay_row =
            |metrics: &Metrics, cells: &[String], bold: bool| -> (Vec<Vec<String>>, f32) {
                let lines: Vec<Vec<String>> = widths
                    .iter()
                    .enumerate()
                    .map(|(c, w)| {
                        let text = cells.get(c).map(String::as_str).unwrap_or_default();
                        metrics.wrap(text, SIZE, bold, w - 2.0 * PAD)
                    })
                    .collect();
                let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * LEADING + PAD;
                (lines, height)
            };
        let (header_lines, header_height) = lay_row(&self.metrics, header, true);
        let first_row = rows
            .first()
            .map(|r| lay_row(&self.metrics, r, false).1)
            .unwrap_or(0.0);
        self.room_for(header_height + first_row + if caption.is_some() { 18.0 } else { 0.0 } + 8.0);
        self.y += 4.0;
        if let Some(caption) = caption {
            self.paragraph(caption, 10.0, true, BLACK, 2.0);
        }
        let draw_row = |layout: &mut Layout, lines: &[Vec<String>], height: f32, bold: bool| {
            let mut x = MARGIN;
            for (c, cell) in lines.iter().enumerate() {
                for (l, line) in cell.iter().enumerate() {
                    let y = layout.y + LEADING * (l as f32 + 1.0) - 2.0;
                    layout.text(x + PAD, y, SIZE, bold, BLACK, line);
                }
                x += widths[c];
            }
            layout.y += height;
            layout.op(Op::Rect {
                x: MARGIN,
                y: layout.y - 0.5,
                w: CONTENT_W,
                h: if bold { 1.0 } else { 0.5 },
                colour: if bold { BLACK } else { RULE },
            });
        };
        let has_header = header.iter().any(|h| !h.is_empty());
        if has_header {
            draw_row(self, &header_lines, header_height, true);
        }
        for row in rows {
            let (lines, height) = lay_row(&self.metrics, row, false);
            if self.y + height > BOTTOM {
                self.new_page();
                if has_header {
                    draw_row(self, &header_lines, header_height, true);
                }
            }
            draw_row(self, &lines, height, false);
        }
        self.y += 10.0;
    }

    fn chart(&mut self, bars: &Bars) {
        const LABEL_W: f32 = 190.0;
        const BAR: f32 = 9.0;
        const SIZE: f32 = 8.5;
        const LEADING: f32 = 10.5;
        let plot = CONTENT_W - LABEL_W - 40.0;
        let max = if bars.percent {
            100
        } else {
            bars.series
                .iter()
                .flat_map(|(_, v)| v.iter().copied())
                .max()
                .unwrap_or(0)
                .max(1)
        };
        let title = self.metrics.wrap(&bars.title, 10.0, true, CONTENT_W);
        let legend = if bars.series.len() > 1 {
            bars.series.len()
        } else {
            0
        };
        let groups: Vec<(Vec<String>, f32)> = bars
            .categories
            .iter()
            .map(|c| {
                let lines = self.metrics.wrap(c, SIZE, false, LABEL_W - 10.0);
                let height =
                    (lines.len() as f32 * LEADING).max(BAR * bars.series.len() as f32) + 6.0;
                (lines, height)
            })
            .collect();
        let top_height = title.len() as f32 * 14.0 + legend as f32 * 12.0 + 6.0;
        // Whole on one page when it fits on one; else from its first group.
        let whole = top_height + groups.iter().map(|g| g.1).sum::<f32>();
        if whole <= BOTTOM - MARGIN {
            self.room_for(whole);
        } else {
            self.room_for(top_height + groups.first().map(|g| g.1).unwrap_or(0.0));
        }
        self.y += 4.0;
        for line in &title {
            self.y += 14.0;
            self.text(MARGIN, self.y - 3.0, 10.0, true, BLACK, line);
        }
        for (s, (name, _)) in bars.series.iter().enumerate().take(legend) {
            self.y += 12.0;
            self.op(Op::Rect {
                x: MARGIN + LABEL_W,
                y: self.y - 9.0,
                w: 8.0,
                h: 8.0,
                colour: SERIES[s % SERIES.len()],
            });
            self.text(
                MARGIN + LABEL_W + 12.0,
                self.y - 2.0,
                SIZE,
                false,
                BLACK,
                name,
            );
        }
        self.y += 6.0;
        for (i, (lines, height)) in groups.iter().enumerate() {
            self.room_for(*height);
            for (l, line) in lines.iter().enumerate() {
                let width = self.metrics.width(line, SIZE, false);
                let y = self.y + LEADING * (l as f32 + 1.0) - 2.5;
                self.text(MARGIN + LABEL_W - 8.0 - width, y, SIZE, false, BLACK, line);
            }
            for (s, (_, values)) in bars.series.iter().enumerate() {
                let value = values.get(i).copied().unwrap_or(0);
                let length = value as f32 * plot / max as f32;
                let top = self.y + BAR * s as f32;
                if length > 0.0 {
                    self.op(Op::Rect {
                        x: MARGIN + LABEL_W,
                        y: top,
                        w: length,
                        h: BAR - 1.5,
                        colour: SERIES[s % SERIES.len()],
                    });
                }
                let label = if bars.percent {
                    format!("{value} %")
                } else {
                    value.to_string()
                };
                self.text(
                    MARGIN + LABEL_W + length + 3.0,
                    top + BAR - 2.5,
                    7.5,
                    false,
                    BLACK,
                    &label,
                );
            }
            self.y += height;
        }
        self.y += 10.0;
    }
}

/// Lays the blocks out on pages (without the page numbers).
fn lay_out(blocks: &[Block]) -> Option<Vec<Vec<Op>>> {
    let mut layout = Layout {
        metrics: Metrics::new()?,
        pages: Vec::new(),
        y: MARGIN,
    };
    layout.new_page();
    for block in blocks {
        layout.block(block);
    }
    Some(layout.pages)
}

/// The report as a PDF: A4, the fonts embedded, the charts as vectors, the
/// programme's name and "page n of m" at the foot of every page.
pub fn pdf(report: &ProgrammeReport, lang: Lang) -> Result<Vec<u8>, String> {
    use krilla::color::rgb;
    use krilla::geom::{PathBuilder, Point};
    use krilla::metadata::Metadata;
    use krilla::page::PageSettings;
    use krilla::paint::Fill;
    use krilla::text::{Font, TextDirection};
    use krilla::Document;

    let blocks = document(report, lang);
    let pages = lay_out(&blocks).ok_or("the embedded fonts could not be read")?;
    let regular = Font::new(REGULAR.into(), 0).ok_or("the regular font could not be read")?;
    let bold = Font::new(BOLD.into(), 0).ok_or("the bold font could not be read")?;
    let title = Msg::ReportTitle.fill(lang, &[("name", &report.programme_name)]);
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.clone())
            .language(lang.code().to_string()),
    );
    let count = pages.len();
    let settings = || PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("bad page size");
    for (n, mut ops) in pages.into_iter().enumerate() {
        ops.push(Op::Text {
            x: MARGIN,
            y: PAGE_H - 30.0,
            size: 8.0,
            bold: false,
            colour: GREY,
            text: format!(
                "{} · {}",
                report.programme_name,
                page_of(lang, n + 1, count)
            ),
        });
        let mut page = document.start_page_with(settings()?);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: is_bold,
                    colour,
                    text,
                } => {
                    surface.set_fill(Some(Fill {
                        paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
                        ..Fill::default()
                    }));
                    let font = if is_bold {
                        bold.clone()
                    } else {
                        regular.clone()
                    };
                    surface.draw_text(
                        Point::from_xy(x, y),
                        font,
                        size,
                        &text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Rect { x, y, w, h, colour } => {
                    let mut path = PathBuilder::new();
                    path.move_to(x, y);
                    path.line_to(x + w, y);
                    path.line_to(x + w, y + h);
                    path.line_to(x, y + h);
                    path.close();
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(Fill {
                            paint: rgb::Color::new(colour.0, colour.1, colour.2).into(),
                            ..Fill::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

// ----------------------------------------------------------------- DOCX

/// The report as a Word document: the same blocks, with real headings
/// (Word's navigation pane and table of contents find them), tables, each
/// chart as the table of its numbers, and "page n of m" in the footer.
pub fn docx(report: &ProgrammeReport, lang: Lang) -> Result<Vec<u8>, String> {
    use docx_rs::*;
    let cell = |text: &str, bold: bool| {
        let mut paragraph = Paragraph::new();
        for (i, line) in text.split('\n').enumerate() {
            let mut run = Run::new().size(18);
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(line);
            if bold {
                run = run.bold();
            }
            paragraph = paragraph.add_run(run);
        }
        TableCell::new().add_paragraph(paragraph)
    };
    let table = |header: &[String], rows: &[Vec<String>]| {
        let mut all = Vec::new();
        if header.iter().any(|h| !h.is_empty()) {
            all.push(TableRow::new(
                header.iter().map(|h| cell(h, true)).collect(),
            ));
        }
        all.extend(
            rows.iter()
                .map(|r| TableRow::new(r.iter().map(|c| cell(c, false)).collect())),
        );
        Table::new(all)
    };
    let paragraph = |text: &str, style: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(text))
    };
    let (before, between) = page_words(lang);
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(format!("{} · {before}", report.programme_name)))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(between))
            .add_num_pages(NumPages::new()),
    );
    let mut doc = Docx::new()
        .footer(footer)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .bold()
                .size(40),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .bold()
                .size(32)
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .bold()
                .size(26)
                .outline_lvl(1),
        )
        .add_style(
            Style::new("Heading3", StyleType::Paragraph)
                .name("Heading 3")
                .bold()
                .size(22)
                .outline_lvl(2),
        )
        .add_style(
            Style::new("Note", StyleType::Paragraph)
                .name("Note")
                .size(17)
                .color("5C5C5C"),
        )
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("Caption")
                .bold(),
        )
        .add_style(
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .italic()
                .indent(Some(567), None, None, None),
        );
    for block in document(report, lang) {
        doc = match block {
            Block::Title(text) => doc.add_paragraph(paragraph(&text, "Title")),
            Block::Heading(level, text) => {
                doc.add_paragraph(paragraph(&text, &format!("Heading{}", level.clamp(1, 3))))
            }
            Block::Text(text) => doc.add_paragraph(paragraph(&text, "Normal")),
            Block::Note(text) => doc.add_paragraph(paragraph(&text, "Note")),
            Block::Table {
                caption,
                header,
                rows,
            } => {
                if let Some(caption) = caption {
                    doc = doc.add_paragraph(paragraph(&caption, "Caption"));
                }
                doc.add_table(table(&header, &rows))
                    .add_paragraph(Paragraph::new())
            }
            Block::Quote(text) => doc.add_paragraph(paragraph(&format!("“{text}”"), "Quote")),
            Block::Chart(bars) => {
                let mut header = vec![String::new()];
                header.extend(bars.series.iter().map(|(name, _)| name.clone()));
                let unit = if bars.percent { " %" } else { "" };
                let rows: Vec<Vec<String>> = bars
                    .categories
                    .iter()
                    .enumerate()
                    .map(|(i, category)| {
                        let mut row = vec![category.clone()];
                        row.extend(bars.series.iter().map(|(_, values)| {
                            format!("{}{unit}", values.get(i).copied().unwrap_or(0))
                        }));
                        row
                    })
                    .collect();
                doc.add_paragraph(paragraph(&bars.title, "Caption"))
                    .add_table(table(&header, &rows))
                    .add_paragraph(Paragraph::new())
            }
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| format!("the Word file could not be written: {e}"))?;
    Ok(out.into_inner())
}
