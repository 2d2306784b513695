//! The programme report drawn on the server: its charts as SVG (no chart
//! code in the browser; each has a title a screen reader announces, and
//! the page shows the same numbers in a table) and its numbers as CSV and
//! as a spreadsheet.

use crate::i18n::{choice_msg, question_msg};
use crate::i18n::{labels, meeting_form_label, Lang, Msg};
use crate::model::*;

pub(crate) use crate::i18n::format::escape_html as escape;

/// Splits a label into lines of at most `width` characters (at spaces).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Colours that stay apart in grey print too (dark, light, mid, hatched
/// looks are not needed: every bar carries its number).
const COLOURS: [&str; 4] = ["#1f4e79", "#e08a2c", "#5f8f3e", "#9b4a7a"];

/// A horizontal bar chart: one group of bars per category, one bar per
/// series, each with its value written beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bars {
    pub id: String,
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<(String, Vec<u32>)>,
    /// Values are per cent (the axis runs to 100).
    pub percent: bool,
    /// The counts of people the bars are made of (a count's bar, or the
    /// two sides of a share): a chart with a small one is left out of the
    /// documents for outside readers. Empty for what counts no people
    /// (meetings).
    pub people: Vec<u32>,
}

impl Bars {
    pub fn svg(&self) -> String {
        const WIDTH: u32 = 680;
        const LABEL_WIDTH: u32 = 250;
        const BAR: u32 = 14;
        const LINE: u32 = 13;
        const WRAP: usize = 38;
        let plot = WIDTH - LABEL_WIDTH - 60;
        let max = if self.percent {
            100
        } else {
            self.series
                .iter()
                .flat_map(|(_, v)| v.iter().copied())
                .max()
                .unwrap_or(0)
                .max(1)
        };
        let legend_rows = if self.series.len() > 1 {
            self.series.len() as u32
        } else {
            0
        };
        let mut y = 30 + legend_rows * 16;
        let mut body = String::new();
        for (i, category) in self.categories.iter().enumerate() {
            let lines = wrap(category, WRAP);
            let bars_height = BAR * self.series.len() as u32;
            let height = bars_height.max(LINE * lines.len() as u32) + 10;
            for (l, line) in lines.iter().enumerate() {
                body.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
                    LABEL_WIDTH - 8,
                    y + 11 + LINE * l as u32,
                    escape(line)
                ));
            }
            for (s, (_, values)) in self.series.iter().enumerate() {
                let value = values.get(i).copied().unwrap_or(0);
                let length = (value as u64 * plot as u64 / max as u64) as u32;
                let top = y + BAR * s as u32;
                body.push_str(&format!(
                    "<rect x=\"{LABEL_WIDTH}\" y=\"{top}\" width=\"{length}\" height=\"{}\" fill=\"{}\"/>\
                     <text x=\"{}\" y=\"{}\" font-size=\"10\">{}{}</text>",
                    BAR - 2,
                    COLOURS[s % COLOURS.len()],
                    LABEL_WIDTH + length + 4,
                    top + 10,
                    value,
                    if self.percent { " %" } else { "" }
                ));
            }
            y += height;
            if i + 1 < self.categories.len() {
                body.push_str(&format!(
                    "<line x1=\"{}\" x2=\"{WIDTH}\" y1=\"{}\" y2=\"{}\" stroke=\"#ddd\"/>",
                    LABEL_WIDTH - 240,
                    y - 5,
                    y - 5
                ));
            }
        }
        let mut legend = String::new();
        if legend_rows > 0 {
            for (s, (name, _)) in self.series.iter().enumerate() {
                let top = 26 + 16 * s as u32;
                legend.push_str(&format!(
                    "<rect x=\"{LABEL_WIDTH}\" y=\"{top}\" width=\"12\" height=\"12\" fill=\"{}\"/>\
                     <text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
                    COLOURS[s % COLOURS.len()],
                    LABEL_WIDTH + 18,
                    top + 10,
                    escape(name)
                ));
            }
        }
        let height = y + 10;
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
             height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title\" font-family=\"sans-serif\">\
             <title id=\"{id}-title\">{title}</title>\
             <text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{title}</text>{legend}{body}</svg>",
            id = escape(&self.id),
            title = escape(&self.title),
        )
    }
}

fn profile_values<K: Ord + Copy>(
    report: &ProgrammeReport,
    pick: fn(&PeopleProfile) -> &Vec<(K, u32)>,
) -> Vec<K> {
    let mut keys: Vec<K> = report
        .profiles
        .iter()
        .flat_map(|(_, p)| pick(p).iter().map(|(k, _)| *k))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn profile_chart<K: Ord + Copy>(
    report: &ProgrammeReport,
    lang: Lang,
    id: &str,
    title: Msg,
    pick: fn(&PeopleProfile) -> &Vec<(K, u32)>,
    label: impl Fn(K) -> Msg,
) -> Bars {
    let keys = profile_values(report, pick);
    Bars {
        id: id.to_string(),
        title: title.text(lang).to_string(),
        categories: keys
            .iter()
            .map(|k| label(*k).text(lang).to_string())
            .collect(),
        series: report
            .profiles
            .iter()
            .map(|(kind, p)| {
                let values = keys
                    .iter()
                    .map(|k| {
                        pick(p)
                            .iter()
                            .find(|(x, _)| x == k)
                            .map(|(_, n)| *n)
                            .unwrap_or(0)
                    })
                    .collect();
                (labels::who(*kind).text(lang).to_string(), values)
            })
            .collect(),
        percent: false,
        people: report
            .profiles
            .iter()
            .flat_map(|(_, p)| pick(p).iter().map(|(_, n)| *n))
            .collect(),
    }
}

/// Every chart of the report as SVG, in `lang`.
pub fn charts(report: &ProgrammeReport, lang: Lang) -> Vec<Chart> {
    bars(report, lang)
        .into_iter()
        .map(|b| Chart {
            svg: b.svg(),
            id: b.id,
        })
        .collect()
}

/// Every chart of the report, in `lang`, to be drawn (as SVG on the page,
/// as vectors in the PDF).
pub fn bars(report: &ProgrammeReport, lang: Lang) -> Vec<Bars> {
    let mut charts = Vec::new();
    for table in &report.recruitment {
        let id = format!("chart-recruitment-{}", table.kind.key());
        let bars = Bars {
            id: id.clone(),
            title: Msg::ChartRecruitment.fill(lang, &[("who", labels::who(table.kind).text(lang))]),
            categories: table
                .rows
                .iter()
                .filter_map(|r| r.stage)
                .map(|s| labels::stage(s).text(lang).to_string())
                .collect(),
            series: vec![(
                labels::who(table.kind).text(lang).to_string(),
                table.rows.iter().map(|r| r.entered).collect(),
            )],
            percent: false,
            people: table.rows.iter().map(|r| r.entered).collect(),
        };
        charts.push(bars);
    }
    charts.push(profile_chart(
        report,
        lang,
        "chart-gender",
        Msg::ChartGender,
        |p| &p.gender,
        labels::gender_or_not,
    ));
    charts.push(profile_chart(
        report,
        lang,
        "chart-age",
        Msg::ChartAge,
        |p| &p.age,
        labels::age_band,
    ));
    charts.push(profile_chart(
        report,
        lang,
        "chart-employment",
        Msg::ChartEmployment,
        |p| &p.employment,
        labels::employment_or_not,
    ));

    let statements = Bars {
        id: "chart-statements".into(),
        title: Msg::ChartStatements.text(lang).to_string(),
        categories: report
            .statements
            .iter()
            .map(|s| {
                question_msg(s.question, ReportKind::Final)
                    .text(lang)
                    .to_string()
            })
            .collect(),
        series: STATEMENT_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, (kind, respondent))| {
                (
                    labels::report_side(*kind, *respondent)
                        .text(lang)
                        .to_string(),
                    report
                        .statements
                        .iter()
                        .map(|s| percent(s.answers[i].agree, s.answers[i].total()))
                        .collect(),
                )
            })
            .collect(),
        percent: true,
        people: report
            .statements
            .iter()
            .flat_map(|s| s.answers.iter())
            .flat_map(|a| [a.agree, a.total() - a.agree])
            .collect(),
    };
    charts.push(statements);

    let competences = Bars {
        id: "chart-competences".into(),
        title: Msg::ChartCompetences.text(lang).to_string(),
        categories: report
            .competences
            .iter()
            .map(|c| {
                question_msg(c.question, ReportKind::Final)
                    .text(lang)
                    .to_string()
            })
            .collect(),
        series: vec![(
            Msg::ColYesShare.text(lang).to_string(),
            report
                .competences
                .iter()
                .map(|c| percent(c.answers.yes, c.answers.yes + c.answers.no))
                .collect(),
        )],
        percent: true,
        people: report
            .competences
            .iter()
            .flat_map(|c| [c.answers.yes, c.answers.no])
            .collect(),
    };
    charts.push(competences);

    let meetings = Bars {
        id: "chart-meetings".into(),
        title: Msg::ChartMeetings.text(lang).to_string(),
        categories: report
            .meetings
            .by_month
            .iter()
            .map(|m| m.month.clone())
            .collect(),
        series: vec![(
            Msg::ColMeetings.text(lang).to_string(),
            report
                .meetings
                .by_month
                .iter()
                .map(|m| m.meetings)
                .collect(),
        )],
        percent: false,
        people: Vec::new(),
    };
    charts.push(meetings);
    charts
}

/// One CSV field, quoted when it must be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One figure of the report in the reader's language: section, item,
/// column, value.
pub type Figure = [String; 4];

/// The report's numbers, one per figure, in the report's order. No free
/// text and no name: the quotes stay in the app.
pub fn figures(report: &ProgrammeReport, lang: Lang) -> Vec<Figure> {
    let mut lines: Vec<Figure> = Vec::new();
    let mut add = |section: String, item: String, column: Msg, value: String| {
        lines.push([section, item, column.text(lang).to_string(), value]);
    };
    let t = |m: Msg| m.text(lang).to_string();

    let t1 = &report.table1;
    add(
        t(Msg::Table1Title),
        t(Msg::T1Format),
        Msg::ColValue,
        t(labels::programme_format(t1.format)),
    );
    add(
        t(Msg::Table1Title),
        t(Msg::T1Typology),
        Msg::ColValue,
        t(labels::typology(t1.typology)),
    );
    add(
        t(Msg::Table1Title),
        t(Msg::T1Duration),
        Msg::ColValue,
        Msg::T1Months.fill(lang, &[("n", &t1.duration_months.to_string())]),
    );
    for (item, total, completed) in [
        (Msg::T1Managers, t1.managers, t1.managers_completed),
        (Msg::T1Mentors, t1.mentors, t1.mentors_completed),
        (Msg::T1Mentees, t1.mentees, t1.mentees_completed),
    ] {
        add(
            t(Msg::Table1Title),
            t(item),
            Msg::ColPeople,
            total.to_string(),
        );
        add(
            t(Msg::Table1Title),
            t(item),
            Msg::EndCompleted,
            completed.to_string(),
        );
    }
    add(
        t(Msg::Table1Title),
        t(Msg::T1Processes),
        Msg::ColValue,
        t1.processes.to_string(),
    );

    for (item, value) in [
        (Msg::PairsMatched, t1.pairs_matched),
        (Msg::PairsConfirmed, t1.processes),
        (Msg::EndCompleted, t1.completed),
        (Msg::EndDroppedOut, t1.dropped_out),
        (Msg::EndNotConfirmed, t1.not_confirmed),
    ] {
        add(
            t(Msg::SectionMatching),
            t(item),
            Msg::ColValue,
            value.to_string(),
        );
    }
    for (reason, n) in &t1.drop_reasons {
        add(
            t(Msg::WhyPairsEnded),
            t(labels::drop_reason(*reason)),
            Msg::ColValue,
            n.to_string(),
        );
    }

    for table in &report.recruitment {
        let section = Msg::RecruitmentOf.fill(lang, &[("who", labels::who(table.kind).text(lang))]);
        for row in &table.rows {
            let Some(stage) = row.stage else { continue };
            let item = t(labels::stage(stage));
            add(
                section.clone(),
                item.clone(),
                Msg::ColEntered,
                row.entered.to_string(),
            );
            add(
                section.clone(),
                item.clone(),
                Msg::ColWentOn,
                row.went_on.to_string(),
            );
            add(
                section.clone(),
                item,
                Msg::ColDroppedOut,
                row.dropped.to_string(),
            );
        }
    }

    for (kind, profile) in &report.profiles {
        let section = Msg::ProfileSection.fill(lang, &[("who", labels::who(*kind).text(lang))]);
        for (g, n) in &profile.gender {
            add(
                section.clone(),
                t(labels::gender_or_not(*g)),
                Msg::GenderLabel,
                n.to_string(),
            );
        }
        for (band, n) in &profile.age {
            add(
                section.clone(),
                t(labels::age_band(*band)),
                Msg::AgeBandLabel,
                n.to_string(),
            );
        }
        for (e, n) in &profile.employment {
            add(
                section.clone(),
                t(labels::employment_or_not(*e)),
                Msg::EmploymentLabel,
                n.to_string(),
            );
        }
    }

    for row in &report.statements {
        let item = t(question_msg(row.question, ReportKind::Final));
        for (i, (kind, respondent)) in STATEMENT_COLUMNS.iter().enumerate() {
            let column = labels::report_side(*kind, *respondent).text(lang);
            let a = row.answers[i];
            for (choice, n) in [
                (Choice::Disagree, a.disagree),
                (Choice::Agree, a.agree),
                (Choice::CouldBeImproved, a.could_be_improved),
            ] {
                add(
                    t(Msg::SectionStatements),
                    format!("{item} | {column}"),
                    choice_msg(choice),
                    n.to_string(),
                );
            }
        }
    }
    for change in &report.change {
        let item = labels::report_side(change.kind, change.respondent)
            .text(lang)
            .to_string();
        add(
            t(Msg::SectionChange),
            item.clone(),
            Msg::Yes,
            change.change.yes.to_string(),
        );
        add(
            t(Msg::SectionChange),
            item,
            Msg::No,
            change.change.no.to_string(),
        );
    }
    for row in &report.competences {
        let item = t(question_msg(row.question, ReportKind::Final));
        add(
            t(Msg::SectionCompetences),
            item.clone(),
            Msg::Yes,
            row.answers.yes.to_string(),
        );
        add(
            t(Msg::SectionCompetences),
            item,
            Msg::No,
            row.answers.no.to_string(),
        );
    }
    let would = &report.satisfaction.would_change;
    let item = t(question_msg(Question::WouldChange, ReportKind::Final));
    add(
        t(Msg::SectionSatisfaction),
        item.clone(),
        Msg::Yes,
        would.yes.to_string(),
    );
    add(
        t(Msg::SectionSatisfaction),
        item,
        Msg::No,
        would.no.to_string(),
    );

    for month in &report.meetings.by_month {
        add(
            t(Msg::SectionMeetingsHeld),
            month.month.clone(),
            Msg::ColMeetings,
            month.meetings.to_string(),
        );
        add(
            t(Msg::SectionMeetingsHeld),
            month.month.clone(),
            Msg::ColHours,
            hours(month.minutes),
        );
    }
    for (form, n) in &report.meetings.by_form {
        add(
            t(Msg::SectionMeetingsHeld),
            t(meeting_form_label(*form)),
            Msg::ColFormOfMeeting,
            n.to_string(),
        );
    }
    for (state, n) in &report.measures {
        add(
            t(Msg::SectionSchoolPlan),
            t(labels::measure_state(*state)),
            Msg::ColMeasureState,
            n.to_string(),
        );
    }
    lines
}

/// The figures as CSV: one line per figure (section, item, column, value).
pub fn csv(report: &ProgrammeReport, lang: Lang) -> String {
    let header = [Msg::ColSection, Msg::ColItem, Msg::ColColumn, Msg::ColValue]
        .map(|m| field(m.text(lang)))
        .join(",");
    // A byte order mark: spreadsheets then read the letters with accents.
    let mut out = String::from("\u{feff}");
    out.push_str(&header);
    out.push_str("\r\n");
    for line in figures(report, lang) {
        out.push_str(&line.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// One table of the spreadsheet: a section's figures with its items as rows
/// and its columns as columns, both in the order they first appear.
#[derive(Debug, PartialEq)]
pub struct Table {
    pub section: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<Option<String>>)>,
}

/// The figures as tables, one per section (an item that has the same column
/// twice gets a second row: no figure is lost).
pub fn tables(figures: &[Figure]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    for [section, item, column, value] in figures {
        let at = match tables.iter().position(|t| &t.section == section) {
            Some(at) => at,
            None => {
                tables.push(Table {
                    section: section.clone(),
                    columns: Vec::new(),
                    rows: Vec::new(),
                });
                tables.len() - 1
            }
        };
        let table = &mut tables[at];
        let c = match table.columns.iter().position(|c| c == column) {
            Some(c) => c,
            None => {
                table.columns.push(column.clone());
                table.columns.len() - 1
            }
        };
        let width = table.columns.len();
        let r = match table
            .rows
            .iter()
            .position(|(i, cells)| i == item && cells.get(c).is_none_or(|v| v.is_none()))
        {
            Some(r) => r,
            None => {
                table.rows.push((item.clone(), Vec::new()));
                table.rows.len() - 1
            }
        };
        let cells = &mut table.rows[r].1;
        cells.resize(width, None);
        cells[c] = Some(value.clone());
    }
    for table in &mut tables {
        let width = table.columns.len();
        for (_, cells) in &mut table.rows {
            cells.resize(width, None);
        }
    }
    tables
}

/// A worksheet's name from a section's: at most 31 characters, none of
/// `[]:*?/\`, unique in the workbook (Excel's rules).
fn sheet_name(section: &str, taken: &mut Vec<String>) -> String {
    let clean: String = section
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base: String = clean.chars().take(31).collect();
    let mut name = base.trim_end().to_string();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = format!(
            "{}{suffix}",
            base.chars().take(keep).collect::<String>().trim_end()
        );
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The figures as an XLSX workbook, one sheet per table: the section's full
/// title in A1, the column headings in row 3, an item per row below. Numbers
/// are numbers, so they can be summed and charted.
pub fn xlsx(report: &ProgrammeReport, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let mut taken = Vec::new();
    for table in tables(&figures(report, lang)) {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&table.section, &mut taken))?;
        sheet.write_string_with_format(0, 0, &table.section, &title)?;
        sheet.write_string_with_format(2, 0, Msg::ColItem.text(lang), &bold)?;
        sheet.set_column_width(0, 60)?;
        for (c, column) in table.columns.iter().enumerate() {
            let c = c as u16 + 1;
            sheet.write_string_with_format(2, c, column, &bold)?;
            sheet.set_column_width(c, 16)?;
        }
        for (r, (item, cells)) in table.rows.iter().enumerate() {
            let row = r as u32 + 3;
            sheet.write_string(row, 0, item)?;
            for (c, value) in cells.iter().enumerate() {
                let (c, Some(value)) = (c as u16 + 1, value) else {
                    continue;
                };
                match value.parse::<f64>() {
                    Ok(n) if n.is_finite() => sheet.write_number(row, c, n)?,
                    _ => sheet.write_string(row, c, value)?,
                };
            }
        }
    }
    book.save_to_buffer()
}

/// Minutes as hours with one decimal (a dot, whatever the language: the
/// file is read by programs).
pub fn hours(minutes: u32) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_has_a_title_for_screen_readers_and_every_value_written_out() {
        let bars = Bars {
            id: "c".into(),
            title: "Gender <of> mentors".into(),
            categories: vec!["Female".into(), "Male".into()],
            series: vec![
                ("Mentors".into(), vec![3, 1]),
                ("Mentees".into(), vec![5, 0]),
            ],
            percent: false,
            people: vec![3, 1, 5, 0],
        };

        let svg = bars.svg();

        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-title\">Gender &lt;of&gt; mentors</title>"));
        for value in [">3<", ">1<", ">5<", ">0<"] {
            assert!(svg.contains(value), "{value} missing");
        }
        assert!(svg.contains(">Mentees<"));
    }

    #[test]
    fn csv_fields_with_commas_quotes_or_line_breaks_are_quoted() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(hours(90), "1.5");
    }

    fn figure(section: &str, item: &str, column: &str, value: &str) -> Figure {
        [section, item, column, value].map(String::from)
    }

    #[test]
    fn figures_become_one_table_per_section_with_items_as_rows_and_nothing_lost() {
        let figures = [
            figure("Meetings", "2026-10", "Meetings", "3"),
            figure("Meetings", "2026-10", "Hours", "2.5"),
            figure("Plan", "Done", "Measures", "4"),
            figure("Meetings", "Face-to-face", "Form", "2"),
            figure("Meetings", "2026-10", "Meetings", "9"),
        ];

        let tables = tables(&figures);

        assert_eq!(tables.len(), 2);
        let meetings = &tables[0];
        assert_eq!(meetings.columns, ["Meetings", "Hours", "Form"]);
        let some = |v: &str| Some(v.to_string());
        assert_eq!(
            meetings.rows,
            vec![
                ("2026-10".to_string(), vec![some("3"), some("2.5"), None]),
                ("Face-to-face".to_string(), vec![None, None, some("2")]),
                ("2026-10".to_string(), vec![some("9"), None, None]),
            ]
        );
        assert_eq!(tables[1].section, "Plan");
    }

    #[test]
    fn sheet_names_follow_excels_rules_and_never_repeat() {
        let mut taken = Vec::new();
        let long = "Table 1: pilot action configuration, every line";

        let first = sheet_name(long, &mut taken);
        let second = sheet_name(long, &mut taken);
        let odd = sheet_name("'a/b [c]?'", &mut taken);

        assert_eq!(first, "Table 1  pilot action configura");
        assert_eq!(first.chars().count(), 31);
        assert_eq!(second, "Table 1  pilot action confi (2)");
        assert_eq!(odd, "a b  c");
    }
}
