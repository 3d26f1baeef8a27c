//! Selection and scrolling over a list of any length: which row is selected and which rows are on screen,
//! and how the selection follows its record (by id) when a new list arrives.

use std::collections::HashMap;

/// A cursor over `len` rows shown `height` at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Nav {
    pub selected: usize,
    pub offset: usize,
    pub len: usize,
    pub height: usize,
    /// The record selected when the list last went empty (a filter typed past every match): the
    /// selection goes back to it when it is listed again, as the filter is backspaced.
    pub lost: Option<i64>,
}

impl Nav {
    /// Sets the list length (after a reload), keeping the selection in range.
    pub fn set_len(&mut self, len: usize) {
        self.len = len;
        self.selected = self.selected.min(len.saturating_sub(1));
        self.fit();
    }

    /// Sets the rows on screen (after a resize).
    pub fn set_height(&mut self, height: usize) {
        self.height = height.max(1);
        self.fit();
    }

    pub fn down(&mut self, n: usize) {
        self.selected = (self.selected + n).min(self.len.saturating_sub(1));
        self.fit();
    }

    pub fn up(&mut self, n: usize) {
        self.selected = self.selected.saturating_sub(n);
        self.fit();
    }

    pub fn top(&mut self) {
        self.selected = 0;
        self.fit();
    }

    pub fn bottom(&mut self) {
        self.selected = self.len.saturating_sub(1);
        self.fit();
    }

    pub fn page(&self) -> usize {
        self.height.max(1)
    }

    /// Selects position `k` and scrolls so that it sits at screen row `row` when the list allows it (near
    /// the ends it cannot), so a record that moved in the list stays where the eye left it.
    pub fn place(&mut self, k: usize, row: usize) {
        self.selected = k.min(self.len.saturating_sub(1));
        self.offset = self.selected.saturating_sub(row.min(self.height.max(1) - 1));
        self.fit();
    }

    /// The rows on screen: `offset .. offset + height`, clipped to the list.
    pub fn window(&self) -> std::ops::Range<usize> {
        self.offset.min(self.len)..(self.offset + self.height).min(self.len)
    }

    fn fit(&mut self) {
        let h = self.height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + h {
            self.offset = self.selected + 1 - h;
        }
        self.offset = self.offset.min(self.len.saturating_sub(h));
    }
}

/// What became of the selection when a new list arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// The selected record is still listed and still selected (or nothing was selected before).
    Kept,
    /// The record asked for (`want`) is listed and now selected.
    Wanted,
    /// The selected record `gone` is no longer listed; the selection moved to its neighbour `now` (the
    /// record that followed it in the old list, else the one before), `None` when the list is empty.
    Left { gone: i64, now: Option<i64> },
}

/// The selected record left a list when a new one arrived: what the status line needs to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Who or what was selected, as the list named it.
    pub gone: String,
    /// Its customer, to tell why it left.
    pub customer: Option<i64>,
    /// Who or what is selected now; `None` when the list is empty.
    pub now: Option<String>,
}

impl Follow {
    /// What to say when the selected record left: `gone` names it as the old list did (its id when that
    /// row was not read), `name` names a record of the new list.
    pub fn moved(self, gone: Option<(String, Option<i64>)>, name: impl FnOnce(i64) -> Option<String>) -> Option<Moved> {
        let Follow::Left { gone: id, now } = self else {
            return None;
        };
        let (gone, customer) = gone.unwrap_or_else(|| (format!("#{id}"), None));
        Some(Moved {
            gone,
            customer,
            now: now.map(|n| name(n).unwrap_or_else(|| format!("#{n}"))),
        })
    }
}

/// Moves `nav` from the list `old` to the list `new` so that it stays on the record it was on, at the
/// same screen row when possible; `want` (a record just added) is selected instead when it is listed.
/// One linear scan per arrival (a map of `new` only when the record left), never per frame.
pub fn follow(old: &[i64], new: &[i64], nav: &mut Nav, want: Option<i64>) -> Follow {
    let row = nav.selected.saturating_sub(nav.offset);
    let was = old.get(nav.selected).copied();
    let lost = nav.lost.take();
    nav.len = new.len();
    let position = |id: i64| new.iter().position(|&x| x == id);
    if let Some(k) = want.and_then(position) {
        nav.place(k, row);
        return Follow::Wanted;
    }
    let Some(was) = was else {
        match lost.and_then(position) {
            Some(k) => nav.place(k, row),
            None => {
                nav.lost = lost.filter(|_| new.is_empty());
                nav.set_len(new.len());
            }
        }
        return Follow::Kept;
    };
    if let Some(k) = position(was) {
        nav.place(k, row);
        return Follow::Kept;
    }
    let listed: HashMap<i64, usize> = new.iter().enumerate().map(|(k, &id)| (id, k)).collect();
    let after = old[nav.selected + 1..].iter().find_map(|id| listed.get(id));
    let neighbour = after.or_else(|| old[..nav.selected].iter().rev().find_map(|id| listed.get(id)));
    if new.is_empty() {
        nav.lost = Some(was);
    }
    match neighbour {
        Some(&k) => nav.place(k, row),
        // Nothing around it is listed any more: a different list altogether starts at its top.
        None => nav.place(0, 0),
    }
    Follow::Left {
        gone: was,
        now: new.get(nav.selected).copied(),
    }
}

/// A row that knows the id it was read for, so a row that could not be read (removed meanwhile) leaves a
/// gap at its own position instead of shifting the rows below it onto other records' positions.
pub trait Keyed {
    fn key(&self) -> i64;
}

/// A list known by its ids (from the loader) of which only the rows around the screen are read.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    ids: Vec<i64>,
    /// `rows[k]` is the row of `ids[start + k]`, `None` when it could not be read.
    rows: Vec<Option<T>>,
    /// The position in `ids` of `rows[0]`.
    start: usize,
}

impl<T> Default for Paged<T> {
    fn default() -> Self {
        Paged {
            ids: Vec::new(),
            rows: Vec::new(),
            start: 0,
        }
    }
}

impl<T: Keyed> Paged<T> {
    /// Takes a new list of ids, moves `nav` to follow the selected record into it (or to `want`, see
    /// [`follow`]) and reads the rows on screen with `read`.
    pub fn set_ids<E>(
        &mut self,
        ids: Vec<i64>,
        nav: &mut Nav,
        want: Option<i64>,
        read: impl FnOnce(&[i64]) -> Result<Vec<T>, E>,
    ) -> Result<Follow, E> {
        let followed = follow(&self.ids, &ids, nav, want);
        self.ids = ids;
        self.refresh(nav, read)?;
        Ok(followed)
    }

    /// Reads the rows on screen again (a write may have changed them).
    pub fn refresh<E>(&mut self, nav: &Nav, read: impl FnOnce(&[i64]) -> Result<Vec<T>, E>) -> Result<(), E> {
        self.rows.clear();
        self.load(nav, read)
    }

    /// Reads the rows on screen when `nav` moved past what is read, with a screen more on each side so
    /// that scrolling rarely needs a query.
    pub fn load<E>(&mut self, nav: &Nav, read: impl FnOnce(&[i64]) -> Result<Vec<T>, E>) -> Result<(), E> {
        let want = nav.window();
        let have = self.start..self.start + self.rows.len();
        if !want.is_empty() && want.start >= have.start && want.end <= have.end {
            return Ok(());
        }
        let h = nav.page();
        let start = want.start.saturating_sub(h);
        let end = (want.end + h).min(self.ids.len());
        let wanted = &self.ids[start..end];
        // `read` answers in the order asked, leaving out what it could not find.
        let mut got = read(wanted)?.into_iter().peekable();
        self.rows = wanted.iter().map(|&id| got.next_if(|r| r.key() == id)).collect();
        self.start = start;
        Ok(())
    }

    /// The row at position `k` of the list, if it is read.
    pub fn get(&self, k: usize) -> Option<&T> {
        self.rows.get(k.checked_sub(self.start)?)?.as_ref()
    }

    /// The id at position `k` of the list.
    pub fn id(&self, k: usize) -> Option<i64> {
        self.ids.get(k).copied()
    }

    /// The rows on screen, with their positions.
    pub fn visible<'a>(&'a self, nav: &Nav) -> impl Iterator<Item = (usize, &'a T)> + 'a {
        nav.window().filter_map(move |k| self.get(k).map(|r| (k, r)))
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row read for an id: the id and a value made from it.
    #[derive(Debug, PartialEq)]
    struct Row(i64, i64);

    impl Keyed for Row {
        fn key(&self) -> i64 {
            self.0
        }
    }

    #[test]
    fn the_selection_stays_on_screen() {
        let mut n = Nav::default();
        n.set_height(10);
        n.set_len(100_000);
        n.down(15);
        assert_eq!((n.selected, n.offset), (15, 6));
        n.bottom();
        assert_eq!(n.window(), 99_990..100_000);
        n.up(3);
        assert_eq!(n.window(), 99_990..100_000);
        n.top();
        assert_eq!(n.window(), 0..10);
        n.set_len(3);
        assert_eq!((n.selected, n.window()), (0, 0..3));
        n.set_len(0);
        assert_eq!(n.window(), 0..0);
    }

    #[test]
    fn a_paged_list_reads_only_around_the_screen_and_again_when_moved_past_it() {
        let mut nav = Nav::default();
        nav.set_height(10);
        let mut p: Paged<Row> = Paged::default();
        let reads: std::cell::RefCell<Vec<std::ops::Range<i64>>> = Default::default();
        let read = |ids: &[i64]| -> Result<Vec<Row>, ()> {
            reads.borrow_mut().push(ids[0]..ids[ids.len() - 1] + 1);
            Ok(ids.iter().map(|&i| Row(i, i * 2)).collect())
        };
        p.set_ids((0..1000).collect(), &mut nav, None, read).unwrap();
        assert_eq!(p.visible(&nav).next(), Some((0, &Row(0, 0))));
        nav.down(15);
        p.load(&nav, read).unwrap();
        assert_eq!(*reads.borrow(), vec![0..20], "still inside what was read");
        nav.down(10);
        p.load(&nav, read).unwrap();
        assert_eq!(*reads.borrow(), vec![0..20, 6..36]);
        assert_eq!(p.get(nav.selected), Some(&Row(25, 50)));
        assert_eq!(p.get(0), None, "scrolled out");
        p.refresh(&nav, read).unwrap();
        assert_eq!(reads.borrow().len(), 3, "a refresh reads even when nothing moved");
        assert_eq!(p.len(), 1000);
    }

    #[test]
    fn a_row_that_cannot_be_read_leaves_a_gap_at_its_own_position() {
        let mut nav = Nav::default();
        nav.set_height(5);
        let mut p: Paged<Row> = Paged::default();
        // Record 3 was removed after the list was made: the read leaves it out.
        let read =
            |ids: &[i64]| -> Result<Vec<Row>, ()> { Ok(ids.iter().filter(|&&i| i != 3).map(|&i| Row(i, i)).collect()) };
        p.set_ids(vec![1, 2, 3, 4, 5], &mut nav, None, read).unwrap();
        nav.down(3);
        assert_eq!(p.get(2), None);
        assert_eq!(
            p.get(nav.selected),
            Some(&Row(4, 4)),
            "position 3 is still record 4, not 5"
        );
        assert_eq!(p.id(nav.selected), Some(4));
    }

    fn nav(len: usize, height: usize, selected: usize, offset: usize) -> Nav {
        Nav {
            selected,
            offset,
            len,
            height,
            lost: None,
        }
    }

    #[test]
    fn the_selection_follows_its_record_to_where_it_moved_at_the_same_screen_row() {
        let old: Vec<i64> = (0..100).collect();
        // Record 90 (on screen row 7) moves to the top third of a re-sorted list.
        let mut new: Vec<i64> = old.clone();
        new.retain(|&i| i != 90);
        new.insert(30, 90);
        let mut n = nav(100, 10, 90, 83);
        assert_eq!(follow(&old, &new, &mut n, None), Follow::Kept);
        assert_eq!((n.selected, n.offset), (30, 23), "same record, same screen row");
        // Near the top the row cannot be kept; the record stays on screen.
        let mut n = nav(100, 10, 90, 83);
        new.retain(|&i| i != 90);
        new.insert(2, 90);
        follow(&old, &new, &mut n, None);
        assert_eq!((n.selected, n.offset), (2, 0));
    }

    #[test]
    fn a_wanted_record_is_selected_once_listed() {
        let old = vec![1, 2, 3];
        let mut n = nav(3, 10, 1, 0);
        assert_eq!(follow(&old, &[1, 2, 3, 4], &mut n, Some(4)), Follow::Wanted);
        assert_eq!(n.selected, 3);
        let mut n = nav(3, 10, 1, 0);
        assert_eq!(
            follow(&old, &[1, 2, 3], &mut n, Some(9)),
            Follow::Kept,
            "not listed: stay put"
        );
        assert_eq!(n.selected, 1);
    }

    #[test]
    fn a_record_that_left_hands_the_selection_to_the_one_after_it_else_before() {
        let old = vec![10, 20, 30, 40, 50];
        let mut n = nav(5, 10, 2, 0);
        // 30 and 40 left: the next one of the old list still listed is 50.
        let got = follow(&old, &[50, 10, 20], &mut n, None);
        assert_eq!(
            got,
            Follow::Left {
                gone: 30,
                now: Some(50)
            }
        );
        assert_eq!(n.selected, 0);
        // The last one left: the one before it.
        let mut n = nav(5, 10, 4, 0);
        let got = follow(&old, &[10, 20, 30, 40], &mut n, None);
        assert_eq!(
            got,
            Follow::Left {
                gone: 50,
                now: Some(40)
            }
        );
        // Everything left.
        let mut n = nav(5, 10, 4, 0);
        assert_eq!(follow(&old, &[], &mut n, None), Follow::Left { gone: 50, now: None });
        assert_eq!(n.window(), 0..0);
        // Typed past every match and back: the selection returns to the record it was on.
        assert_eq!(follow(&[], &[], &mut n, None), Follow::Kept);
        assert_eq!(follow(&[], &[10, 50, 60], &mut n, None), Follow::Kept);
        assert_eq!(n.selected, 1, "back on 50");
        // Nothing was selected (the first list): the top.
        let mut n = nav(0, 10, 0, 0);
        assert_eq!(follow(&[], &[7, 8], &mut n, None), Follow::Kept);
        assert_eq!((n.selected, n.len), (0, 2));
    }

    #[test]
    fn following_in_a_hundred_thousand_ids_takes_scans_not_a_scan_per_id() {
        let old: Vec<i64> = (0..100_000).collect();
        let new: Vec<i64> = old.iter().rev().copied().collect();
        let mut n = nav(100_000, 30, 99_990, 99_970);
        let t = std::time::Instant::now();
        assert_eq!(follow(&old, &new, &mut n, None), Follow::Kept);
        assert_eq!(n.selected, 9);
        // The record and the next 49,999 left: its neighbour is found without a scan per id.
        let mut n = nav(100_000, 30, 50_000, 49_990);
        let kept: Vec<i64> = old.iter().copied().filter(|&i| i < 50_000).collect();
        let got = follow(&old, &kept, &mut n, None);
        assert_eq!(
            got,
            Follow::Left {
                gone: 50_000,
                now: Some(49_999)
            }
        );
        // Quadratic work here would take minutes; a few scans take milliseconds even unoptimised.
        assert!(t.elapsed() < std::time::Duration::from_secs(2), "{:?}", t.elapsed());
    }
}
