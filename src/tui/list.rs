//! Selection and scrolling over a list of any length: which row is selected and which rows are on screen.

/// A cursor over `len` rows shown `height` at a time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Nav {
    pub selected: usize,
    pub offset: usize,
    pub len: usize,
    pub height: usize,
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

/// A list known by its ids (from the loader) of which only the rows around the screen are read.
#[derive(Debug, Clone)]
pub struct Paged<T> {
    ids: Vec<i64>,
    rows: Vec<T>,
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

impl<T> Paged<T> {
    /// Takes a new list of ids, fits `nav` to it and reads the rows on screen with `read`.
    pub fn set_ids<E>(
        &mut self,
        ids: Vec<i64>,
        nav: &mut Nav,
        read: impl FnOnce(&[i64]) -> Result<Vec<T>, E>,
    ) -> Result<(), E> {
        self.ids = ids;
        nav.set_len(self.ids.len());
        self.refresh(nav, read)
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
        self.rows = read(&self.ids[start..end])?;
        self.start = start;
        Ok(())
    }

    /// The row at position `k` of the list, if it is read.
    pub fn get(&self, k: usize) -> Option<&T> {
        self.rows.get(k.checked_sub(self.start)?)
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
        let mut p: Paged<i64> = Paged::default();
        let reads: std::cell::RefCell<Vec<std::ops::Range<i64>>> = Default::default();
        let read = |ids: &[i64]| -> Result<Vec<i64>, ()> {
            reads.borrow_mut().push(ids[0]..ids[ids.len() - 1] + 1);
            Ok(ids.iter().map(|i| i * 2).collect())
        };
        p.set_ids((0..1000).collect(), &mut nav, read).unwrap();
        assert_eq!(p.visible(&nav).next(), Some((0, &0)));
        nav.down(15);
        p.load(&nav, read).unwrap();
        assert_eq!(*reads.borrow(), vec![0..20], "still inside what was read");
        nav.down(10);
        p.load(&nav, read).unwrap();
        assert_eq!(*reads.borrow(), vec![0..20, 6..36]);
        assert_eq!(p.get(nav.selected), Some(&50));
        assert_eq!(p.get(0), None, "scrolled out");
        p.refresh(&nav, read).unwrap();
        assert_eq!(reads.borrow().len(), 3, "a refresh reads even when nothing moved");
        assert_eq!(p.len(), 1000);
    }
}
