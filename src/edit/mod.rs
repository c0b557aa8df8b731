//! Everyday roster changes as text edits: roster text in, roster text out, with
//! everything but the changed lines kept byte for byte (comments, order,
//! layout). Pure: no file system and no validation of the result, which the
//! commands do with the real roster parser before writing anything.
//!
//! New `[[members]]`, `[[overrides]]` and `[[covers]]` entries go after the
//! last entry of their kind (at the end of the file when there is none).

use crate::roster::Rank;
use chrono::{NaiveDate, NaiveDateTime};
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table, Value};

pub mod file;

#[cfg(test)]
mod tests;

/// Why an edit cannot be made, and how to get there by other means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError {
    pub message: String,
    pub hint: String,
}

fn fail<T>(message: impl Into<String>, hint: impl Into<String>) -> Result<T, EditError> {
    Err(EditError {
        message: message.into(),
        hint: hint.into(),
    })
}

/// Refuse command-line values that a roster string may not hold (control,
/// bidi and line-separator characters, `crate::text::is_forbidden`): each
/// `(flag, value)` is checked, and every offending flag is named at once.
pub fn plain_values(values: &[(&str, Option<&str>)]) -> Result<(), EditError> {
    let bad: Vec<String> = values
        .iter()
        .filter_map(|(flag, value)| {
            let value = (*value)?;
            let (at, c, _) = crate::text::first_forbidden(value)?;
            Some(format!(
                "{flag} holds {} at character {} (\"{}\")",
                crate::text::describe_char(c),
                at + 1,
                crate::text::one_line_safe(value)
            ))
        })
        .collect();
    if bad.is_empty() {
        return Ok(());
    }
    fail(
        bad.join("; "),
        "roster text must be plain: type the value without control, bidi or line-separator \
         characters (a space instead of a tab or a line break)",
    )
}

/// The rank an entry names: a role name while there is one, else the rank number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleRef {
    Name(String),
    Rank(Rank),
}

impl RoleRef {
    /// How an entry names `rank` of `roster`: its role name while the roster
    /// names that rank, else the number.
    pub fn for_rank(roster: &crate::roster::Roster, rank: Rank) -> RoleRef {
        if rank.get() <= roster.team.roles.len() {
            RoleRef::Name(roster.role_name(rank))
        } else {
            RoleRef::Rank(rank)
        }
    }

    fn to_value(&self) -> Value {
        match self {
            RoleRef::Name(n) => Value::from(n.as_str()),
            RoleRef::Rank(r) => Value::from(i64::try_from(r.get()).unwrap_or(i64::MAX)),
        }
    }
}

/// An `[[overrides]]` entry to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOverride {
    pub week: NaiveDate,
    pub role: RoleRef,
    pub member: String,
    pub reason: String,
}

/// A `[[covers]]` entry to add; `from`/`to` are wall-clock times in the team's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCover {
    pub role: RoleRef,
    pub member: String,
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    pub reason: Option<String>,
}

/// A `[[members]]` entry to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub id: String,
    pub name: String,
    pub email: String,
    pub slack: Option<String>,
    pub pagerduty: Option<String>,
    pub joined: Option<NaiveDate>,
}

fn document(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>().map_err(|e| EditError {
        message: format!(
            "the roster is not valid TOML: {}",
            e.message().lines().next().unwrap_or("").trim()
        ),
        hint: "run `dw check` to see where, fix it, then run this command again".into(),
    })
}

/// The edited document as text, with the line endings of the roster as read:
/// a roster written with CRLF stays CRLF (new lines too), one with LF stays LF.
fn finish(original: &str, doc: &DocumentMut) -> String {
    let out = doc.to_string();
    if original.contains("\r\n") {
        out.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        out
    }
}

/// A TOML date literal.
fn date(d: NaiveDate) -> Value {
    use chrono::Datelike;
    let date = toml_edit::Date {
        year: u16::try_from(d.year()).unwrap_or(0),
        month: u8::try_from(d.month()).unwrap_or(1),
        day: u8::try_from(d.day()).unwrap_or(1),
    };
    Value::from(toml_edit::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

/// A TOML 1.0 local date-time literal, seconds always written (TOML 1.0
/// requires them): `2026-03-04T18:00:00`, `2026-03-04T18:00:30`.
fn local_datetime(t: NaiveDateTime) -> Value {
    use chrono::Timelike;
    let mut v = date(t.date());
    if let Value::Datetime(f) = &mut v {
        let mut dt = *f.value();
        dt.time = Some(toml_edit::Time {
            hour: u8::try_from(t.hour()).unwrap_or(0),
            minute: u8::try_from(t.minute()).unwrap_or(0),
            second: Some(u8::try_from(t.second()).unwrap_or(0)),
            nanosecond: None,
        });
        v = Value::from(dt);
    }
    v
}

/// The `[[members]]` tables.
fn members(doc: &mut DocumentMut) -> Result<&mut ArrayOfTables, EditError> {
    match doc.get_mut("members") {
        Some(Item::ArrayOfTables(a)) => Ok(a),
        Some(_) => fail(
            "the members are not written as [[members]] tables",
            "write each member as a [[members]] table, or make this change by hand",
        ),
        None => fail(
            "the roster has no [[members]]",
            "add the team's members to the roster first",
        ),
    }
}

/// The `[[members]]` table of `id`.
fn member<'d>(doc: &'d mut DocumentMut, id: &str) -> Result<&'d mut Table, EditError> {
    let all = members(doc)?;
    let ids: Vec<String> = all
        .iter()
        .filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_string))
        .collect();
    match all
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
    {
        Some(t) => Ok(t),
        None => fail(
            format!("no member has the id \"{id}\""),
            format!("use one of: {}", ids.join(", ")),
        ),
    }
}

/// A new table at the end of the array of tables `key`, set off by a blank line.
fn push_table(doc: &mut DocumentMut, key: &str, mut table: Table) -> Result<(), EditError> {
    table.decor_mut().set_prefix("\n");
    match doc.get_mut(key) {
        Some(Item::ArrayOfTables(a)) => a.push(table),
        Some(_) => {
            return fail(
                format!("`{key}` is not written as [[{key}]] tables"),
                format!("write each entry as a [[{key}]] table, or make this change by hand"),
            )
        }
        None => {
            let mut a = ArrayOfTables::new();
            a.push(table);
            doc.insert(key, Item::ArrayOfTables(a));
        }
    }
    Ok(())
}

/// Add an away range `{ from, to, reason }` to member `id` (after its others).
pub fn away_add(
    text: &str,
    id: &str,
    from: NaiveDate,
    to: NaiveDate,
    reason: Option<&str>,
) -> Result<String, EditError> {
    let mut doc = document(text)?;
    let m = member(&mut doc, id)?;
    let mut entry = InlineTable::new();
    entry.insert("from", date(from));
    entry.insert("to", date(to));
    if let Some(r) = reason {
        entry.insert("reason", Value::from(r));
    }
    match m.get_mut("away") {
        None => {
            let mut list = Array::new();
            list.push(entry);
            m.insert("away", value(list));
        }
        Some(Item::Value(Value::Array(list))) => {
            push_like_the_others("away", list, Value::from(entry))
        }
        Some(Item::ArrayOfTables(list)) => list.push(entry.into_table()),
        Some(_) => {
            return fail(
                format!("member \"{id}\": `away` is not a list"),
                "write away = [{ from = YYYY-MM-DD, to = YYYY-MM-DD }]",
            )
        }
    }
    Ok(finish(text, &doc))
}

/// An inline `away = [...]` list that would run past this many characters on
/// its line is written one entry per line instead, so that two changes to one
/// member's list (two holiday pull requests) touch different lines.
pub const MAX_INLINE_LINE: usize = 100;

/// Append `v` to the inline array `key = [...]`, laid out like its last
/// element: one per line gets a line of its own (a comment after the last
/// element stays on that element's line), one line stays one line unless it
/// would pass [`MAX_INLINE_LINE`], when every element gets a line.
fn push_like_the_others(key: &str, list: &mut Array, mut v: Value) {
    let prefix = list
        .iter()
        .last()
        .and_then(|last| last.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_string);
    match prefix {
        // One per line: the new line's indentation, not the comments above the last.
        Some(p) if p.contains('\n') => {
            let indent = p.rsplit('\n').next().unwrap_or("").to_string();
            // What follows the last element up to the end of its line (`# booked`)
            // belongs to it: it becomes the start of the new element's prefix.
            // (Without a trailing comma the comment is the last element's suffix.)
            let mut tail = String::new();
            if let Some(last) = list.iter_mut().last() {
                tail.push_str(last.decor().suffix().and_then(|s| s.as_str()).unwrap_or(""));
                last.decor_mut().set_suffix("");
            }
            tail.push_str(list.trailing().as_str().unwrap_or(""));
            let (same_line, rest) = match tail.split_once('\n') {
                Some((line, rest)) => (format!("{line}\n"), rest.to_string()),
                None => ("\n".to_string(), tail.clone()),
            };
            v.decor_mut().set_prefix(format!("{same_line}{indent}"));
            list.set_trailing(if rest.is_empty() && tail.contains('\n') {
                "\n".to_string()
            } else {
                rest
            });
            list.push_formatted(v);
            return;
        }
        _ if list.is_empty() => {}
        _ => v.decor_mut().set_prefix(" "),
    }
    list.push_formatted(v);
    let line = format!("{key} = {}", list.to_string().trim());
    if line.chars().count() > MAX_INLINE_LINE {
        one_per_line(list);
    }
}

/// Lay out an inline array one element per line, indented by four spaces,
/// with a trailing comma.
fn one_per_line(list: &mut Array) {
    for v in list.iter_mut() {
        v.decor_mut().set_prefix("\n    ");
        v.decor_mut().set_suffix("");
    }
    list.set_trailing_comma(true);
    list.set_trailing("\n");
}

/// Remove the away range of member `id` that starts on `from`; an emptied
/// `away` list goes away with it.
pub fn away_remove(text: &str, id: &str, from: NaiveDate) -> Result<String, EditError> {
    let mut doc = document(text)?;
    let m = member(&mut doc, id)?;
    let wanted = date(from).to_string();
    let same = |v: Option<&Value>| v.is_some_and(|v| v.to_string().trim() == wanted.trim());
    let mut starts = Vec::new();
    let (found, now_empty) = match m.get_mut("away") {
        Some(Item::Value(Value::Array(list))) => {
            let pos = list.iter().position(|v| {
                let t = v.as_inline_table();
                if let Some(f) = t.and_then(|t| t.get("from")) {
                    starts.push(f.to_string().trim().to_string());
                }
                same(t.and_then(|t| t.get("from")))
            });
            if let Some(i) = pos {
                let gone = list.remove(i);
                // The element taking its place takes its leading space or line
                // break too (a comment after the removed one's comma goes with it).
                let prefix = gone
                    .decor()
                    .prefix()
                    .and_then(|p| p.as_str())
                    .unwrap_or("")
                    .to_string();
                if let Some(next) = list.get_mut(i) {
                    if prefix.contains('\n') || i == 0 {
                        next.decor_mut().set_prefix(prefix);
                    }
                }
            }
            (pos.is_some(), list.is_empty())
        }
        Some(Item::ArrayOfTables(list)) => {
            let pos = list.iter().position(|t| {
                let f = t.get("from").and_then(Item::as_value);
                if let Some(f) = f {
                    starts.push(f.to_string().trim().to_string());
                }
                same(f)
            });
            if let Some(i) = pos {
                list.remove(i);
            }
            (pos.is_some(), list.is_empty())
        }
        _ => (false, false),
    };
    if !found {
        let hint = if starts.is_empty() {
            format!("member \"{id}\" has no away ranges")
        } else {
            format!(
                "pass --from with the first date of one of its ranges: {}",
                starts.join(", ")
            )
        };
        return fail(
            format!("member \"{id}\" has no away range starting {from}"),
            hint,
        );
    }
    if now_empty {
        m.remove("away");
    }
    Ok(finish(text, &doc))
}

/// Add `[[overrides]]` entries, in order, after the last override.
pub fn add_overrides(text: &str, entries: &[NewOverride]) -> Result<String, EditError> {
    let mut doc = document(text)?;
    for o in entries {
        let mut t = Table::new();
        t.insert("week", value(date(o.week)));
        t.insert("role", value(o.role.to_value()));
        t.insert("member", value(o.member.as_str()));
        t.insert("reason", value(o.reason.as_str()));
        push_table(&mut doc, "overrides", t)?;
    }
    Ok(finish(text, &doc))
}

/// Add a `[[covers]]` entry after the last cover.
pub fn add_cover(text: &str, cover: &NewCover) -> Result<String, EditError> {
    let mut doc = document(text)?;
    let mut t = Table::new();
    t.insert("role", value(cover.role.to_value()));
    t.insert("member", value(cover.member.as_str()));
    t.insert("from", value(local_datetime(cover.from)));
    t.insert("to", value(local_datetime(cover.to)));
    if let Some(r) = &cover.reason {
        t.insert("reason", value(r.as_str()));
    }
    push_table(&mut doc, "covers", t)?;
    Ok(finish(text, &doc))
}

/// Add a member after the last `[[members]]` entry.
pub fn join(text: &str, new: &NewMember) -> Result<String, EditError> {
    let mut doc = document(text)?;
    if members(&mut doc)?
        .iter()
        .any(|t| t.get("id").and_then(Item::as_str) == Some(new.id.as_str()))
    {
        return fail(
            format!(
                "a member with the id \"{}\" is already in the roster",
                new.id
            ),
            "choose another id, or change that member's entry",
        );
    }
    let mut t = Table::new();
    t.insert("id", value(new.id.as_str()));
    t.insert("name", value(new.name.as_str()));
    t.insert("email", value(new.email.as_str()));
    if let Some(s) = &new.slack {
        t.insert("slack", value(s.as_str()));
    }
    if let Some(p) = &new.pagerduty {
        t.insert("pagerduty", value(p.as_str()));
    }
    if let Some(d) = new.joined {
        t.insert("joined", value(date(d)));
    }
    push_table(&mut doc, "members", t)?;
    Ok(finish(text, &doc))
}

/// Set member `id`'s `left` date (replacing the one it has, in place).
pub fn leave(text: &str, id: &str, on: NaiveDate) -> Result<String, EditError> {
    let mut doc = document(text)?;
    let m = member(&mut doc, id)?;
    match m.get_mut("left") {
        Some(Item::Value(old)) => {
            let decor = old.decor().clone();
            let mut new = date(on);
            *new.decor_mut() = decor;
            *old = new;
        }
        _ => {
            m.insert("left", value(date(on)));
        }
    }
    Ok(finish(text, &doc))
}

/// A unified diff of two versions of the file `name`, as `git diff` shows it.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
