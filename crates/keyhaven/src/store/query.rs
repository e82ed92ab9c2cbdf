//! Indexed search of managed objects: what Locate, `keyhaven key list` and the admin API ask the
//! store for, answered in SQL by both backends from indexed columns and the `object_terms` /
//! `object_dates` tables, a page at a time.
//!
//! * [`ObjectQuery`]: every condition must hold (object type, states, algorithm, length, creation
//!   time range, text attributes equal to a value, date attributes within a range).
//! * [`PageRequest`]: insertion order, resumed after a cursor ([`ObjectPage::next`]) or skipping
//!   `offset` rows, at most `limit` rows.
//! * [`index_terms`]: the searchable terms of an object, drawn from its attribute blob when the
//!   object is written. This is the one place where the store reads inside that blob.
//!
//! The default implementations on [`super::Store`] filter [`super::Store::list_objects`] in Rust
//! with the same terms, so a backend without SQL support answers the same (slowly).

use keyhaven_kmip::attribute::{decode_storage, AttrName};
use keyhaven_kmip::tag;
use keyhaven_ttlv::Value;

use super::ObjectRecord;

/// Conditions on the objects of one tenant; every `Some` or listed condition must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectQuery {
    /// KMIP Object Type enumeration value.
    pub object_type: Option<u32>,
    /// The stored State is one of these (`None`: any).
    pub states: Option<Vec<u32>>,
    /// Cryptographic Algorithm enumeration value.
    pub algorithm: Option<u32>,
    /// Cryptographic Length.
    pub length: Option<i32>,
    /// `created_at` (seconds since the epoch) within this inclusive range.
    pub created: Option<(i64, i64)>,
    /// Text terms: an attribute (1.x spelling: `"Name"`, `"x-Name"`, `"Object Group"`) that has
    /// exactly this text value (for Name: its Name Value). See [`index_terms`].
    pub text: Vec<(String, String)>,
    /// Substring terms: an attribute (1.x spelling, e.g. `"x-Name"`) with a text value that
    /// contains this text, ignoring the case of ASCII letters (a search box: part of a VM name).
    /// Answered from the attribute's index entries, without decoding objects.
    pub text_contains: Vec<(String, String)>,
    /// Date terms: an attribute (1.x spelling, e.g. `"Activation Date"`) with a value within this
    /// inclusive range (seconds since the epoch). See [`is_indexed_date`].
    pub dates: Vec<(String, i64, i64)>,
    /// [`crate::store::Store::count_objects`] stops counting at this many matches (`None`: counts
    /// them all). A count over a million rows reads the whole index range; a listing that only
    /// needs "more than N" asks for N + 1.
    pub count_limit: Option<u64>,
}

/// Which page of a listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// Resume after this cursor (from [`ObjectPage::next`]); `None`: from the start.
    pub after: Option<i64>,
    /// Rows skipped (after the cursor) before the page starts.
    pub offset: u64,
    /// Most rows in the page.
    pub limit: u64,
}

impl PageRequest {
    /// The first `limit` rows.
    pub fn first(limit: u64) -> Self {
        PageRequest {
            after: None,
            offset: 0,
            limit,
        }
    }
}

/// One page of matching objects, oldest first.
#[derive(Clone, Debug, Default)]
pub struct ObjectPage {
    pub records: Vec<ObjectRecord>,
    /// The cursor of each record (its place in insertion order), parallel to `records`.
    pub positions: Vec<i64>,
    /// The cursor to pass as [`PageRequest::after`] for the next page; `None` when this page was
    /// not full (nothing follows).
    pub next: Option<i64>,
}

/// Date attributes kept in `object_dates`. Initial Date, Original Creation Date (both the creation
/// time, which `created_at` answers for listings) and Last Change Date (rewritten on every change)
/// are not indexed: a Locate on them is answered by reading the candidates' attributes.
pub fn is_indexed_date(name: &AttrName) -> bool {
    !(name.is(tag::INITIAL_DATE)
        || name.is(tag::ORIGINAL_CREATION_DATE)
        || name.is(tag::LAST_CHANGE_DATE))
}

/// The text value an attribute is indexed under: a Text String value, or a Name's Name Value.
pub fn text_term(name: &AttrName, value: &Value) -> Option<String> {
    if name.is(tag::UNIQUE_IDENTIFIER) {
        return None; // the uid column
    }
    match value {
        Value::TextString(s) => Some(s.clone()),
        Value::Structure(items) if name.is(tag::NAME) => items
            .iter()
            .find(|i| i.tag == tag::NAME_VALUE)
            .and_then(|i| i.as_text())
            .map(str::to_owned),
        _ => None,
    }
}

/// Searchable terms of one object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexTerms {
    /// (attribute, text), sorted, without duplicates.
    pub text: Vec<(String, String)>,
    /// (attribute, seconds), sorted, without duplicates.
    pub dates: Vec<(String, i64)>,
}

/// The terms of an attribute blob. A blob that does not decode (which the server never writes)
/// has no terms: it is still stored and found by queries without attribute conditions.
pub fn index_terms(attributes: &[u8]) -> IndexTerms {
    let mut t = IndexTerms::default();
    let Ok(attrs) = decode_storage(attributes) else {
        return t;
    };
    for a in &attrs {
        if let Some(s) = text_term(&a.name, &a.value) {
            t.text.push((a.name.key(), s));
        } else if let Value::DateTime(d) = a.value {
            if is_indexed_date(&a.name) {
                t.dates.push((a.name.key(), d));
            }
        }
    }
    t.text.sort();
    t.text.dedup();
    t.dates.sort();
    t.dates.dedup();
    t
}

impl ObjectQuery {
    /// Whether a record matches, judged in Rust (the default store implementation and tests).
    pub fn matches(&self, r: &ObjectRecord) -> bool {
        if self.object_type.is_some_and(|v| v != r.object_type)
            || self.states.as_ref().is_some_and(|s| !s.contains(&r.state))
            || self.algorithm.is_some_and(|v| Some(v) != r.algorithm)
            || self.length.is_some_and(|v| Some(v) != r.length)
            || self
                .created
                .is_some_and(|(lo, hi)| r.created_at < lo || r.created_at > hi)
        {
            return false;
        }
        if self.text.is_empty() && self.text_contains.is_empty() && self.dates.is_empty() {
            return true;
        }
        let terms = index_terms(&r.attributes);
        self.text.iter().all(|w| terms.text.contains(w))
            && self.text_contains.iter().all(|(name, part)| {
                let part = part.to_ascii_lowercase();
                terms
                    .text
                    .iter()
                    .any(|(n, v)| n == name && v.to_ascii_lowercase().contains(&part))
            })
            && self.dates.iter().all(|(name, lo, hi)| {
                terms
                    .dates
                    .iter()
                    .any(|(n, d)| n == name && d >= lo && d <= hi)
            })
    }
}
