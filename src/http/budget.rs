//! How much of one paginated list dw reads: a budget of pages, items and
//! answer bytes, so a server that keeps saying "there is more" (or sends
//! huge pages) cannot fill memory; and a hash of each page, so a server
//! that answers the same page again cannot make dw loop.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::hash::Hasher;

/// The most pages dw reads of one list.
pub const MAX_LIST_PAGES: usize = 100;
/// The most items dw keeps of one list (PagerDuty's classic pagination ends
/// at offset 10,000 anyway).
pub const MAX_LIST_ITEMS: usize = 10_000;
/// The most answer bytes dw reads for one list, all pages together.
pub const MAX_LIST_BYTES: usize = 32 * 1024 * 1024;

/// What one list has used so far.
#[derive(Debug, Default)]
pub struct ListBudget {
    pages: usize,
    items: usize,
    bytes: usize,
    /// A hash of each page's items seen so far, not the pages themselves.
    seen: HashSet<u64>,
}

impl ListBudget {
    pub fn new() -> Self {
        ListBudget::default()
    }

    /// Count a page that was read: its answer's size in bytes.
    pub fn read_page(&mut self, bytes: usize) {
        self.pages += 1;
        self.bytes = self.bytes.saturating_add(bytes);
    }

    /// How many more items fit.
    pub fn room(&self) -> usize {
        MAX_LIST_ITEMS.saturating_sub(self.items)
    }

    /// Count items kept.
    pub fn keep(&mut self, items: usize) {
        self.items = self.items.saturating_add(items);
    }

    /// False when the same page (the same items) was seen before in this list.
    pub fn first_time(&mut self, page: &serde_json::Value) -> bool {
        self.seen.insert(page_hash(page))
    }

    /// True when no further page may be read.
    pub fn spent(&self) -> bool {
        self.pages >= MAX_LIST_PAGES || self.items >= MAX_LIST_ITEMS || self.bytes >= MAX_LIST_BYTES
    }

    /// `3 pages (250 items, 1.2 MiB)`, for the notice.
    pub fn summary(&self) -> String {
        format!(
            "{} ({} item{}, {:.1} MiB)",
            crate::render::plural(self.pages, "page"),
            thousands(self.items),
            if self.items == 1 { "" } else { "s" },
            self.bytes as f64 / (1024.0 * 1024.0)
        )
    }
}

/// The notice for a list cut short: `<service> <what>: stopped after …;
/// <service> said there were more, so this list is incomplete`.
pub fn incomplete(service: &str, what: &str, budget: &ListBudget) -> String {
    format!(
        "{service} {what}: stopped after {}, as dw reads at most {MAX_LIST_PAGES} pages, {} items or {} MiB of one list; {service} said there were more, so this list is incomplete",
        budget.summary(),
        thousands(MAX_LIST_ITEMS),
        MAX_LIST_BYTES >> 20,
    )
}

/// `10,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A 64-bit hash of `value`'s JSON text, computed without building the text.
fn page_hash(value: &serde_json::Value) -> u64 {
    struct HashWriter(DefaultHasher);
    impl std::io::Write for HashWriter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut w = HashWriter(DefaultHasher::new());
    // Writing to a hasher cannot fail, and a Value always serializes.
    let _ = serde_json::to_writer(&mut w, value);
    w.0.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn repeated_pages_are_recognised_by_their_hash() {
        let mut b = ListBudget::new();
        assert!(b.first_time(&json!([{"id": "P1"}])));
        assert!(b.first_time(&json!([{"id": "P2"}])));
        assert!(!b.first_time(&json!([{"id": "P1"}])));
    }

    #[test]
    fn the_budget_runs_out_on_pages_items_or_bytes() {
        let mut b = ListBudget::new();
        assert!(!b.spent());
        b.read_page(MAX_LIST_BYTES);
        assert!(b.spent());
        let mut b = ListBudget::new();
        b.read_page(10);
        b.keep(MAX_LIST_ITEMS);
        assert_eq!(b.room(), 0);
        assert!(b.spent());
        let mut b = ListBudget::new();
        for _ in 0..MAX_LIST_PAGES {
            b.read_page(1);
        }
        assert!(b.spent());
        let notice = incomplete("PagerDuty", "GET /incidents", &b);
        assert_eq!(
            notice,
            "PagerDuty GET /incidents: stopped after 100 pages (0 items, 0.0 MiB), as dw reads at most \
             100 pages, 10,000 items or 32 MiB of one list; PagerDuty said there were more, so this list is incomplete"
        );
    }

    #[test]
    fn a_summary_of_one_page_and_one_item_says_so() {
        let mut b = ListBudget::new();
        b.read_page(MAX_LIST_BYTES);
        b.keep(1);
        assert_eq!(b.summary(), "1 page (1 item, 32.0 MiB)");
    }
}
