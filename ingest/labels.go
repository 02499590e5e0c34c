package ingest

import (
	"github.com/xent-ml/xent/data"
)

// labeler maps the text of labels (or of categories) to indices, either
// under a given list or learning the list, without allocating per row once
// the texts have been seen.
type labeler struct {
	given *data.LabelIndex // the given list; nil when learning
	ids   map[string]int32 // text → index (given) or first-seen id (learning)
	texts []string         // learning: the distinct texts by first-seen id
	y     []int32          // one index (or id) per row; -1 = none
}

func newLabeler(given []string) (*labeler, error) {
	l := &labeler{ids: map[string]int32{}}
	if given != nil {
		li, err := data.NewLabelIndex(given)
		if err != nil {
			return nil, err
		}
		l.given = li
	}
	return l, nil
}

// add appends the index of text and reports false when a given list does
// not contain it (nothing is appended then).
func (l *labeler) add(text string) bool {
	if id, ok := l.ids[text]; ok {
		l.y = append(l.y, id)
		return true
	}
	return l.addNew(text)
}

// addBytes is add for a byte slice; it allocates only for a new text.
func (l *labeler) addBytes(text []byte) bool {
	if id, ok := l.ids[string(text)]; ok {
		l.y = append(l.y, id)
		return true
	}
	return l.addNew(string(text))
}

func (l *labeler) addNew(text string) bool {
	var id int32
	if l.given != nil {
		k, ok := l.given.Lookup(text)
		if !ok {
			return false
		}
		id = int32(k)
	} else {
		id = int32(len(l.texts))
		l.texts = append(l.texts, text)
	}
	l.ids[text] = id
	l.y = append(l.y, id)
	return true
}

// intern returns the id of text, learning it if new, without appending
// to y; only for a labeler that learns.
func (l *labeler) intern(text string) int32 {
	if id, ok := l.ids[text]; ok {
		return id
	}
	id := int32(len(l.texts))
	l.texts = append(l.texts, text)
	l.ids[text] = id
	return id
}

// addNone appends "no index" (-1): a missing or ignored category.
func (l *labeler) addNone() { l.y = append(l.y, -1) }

// finish returns the class list and rewrites y as indices into it: the
// given list, or the learned texts sorted by data.SortClasses.
func (l *labeler) finish() ([]string, error) {
	if l.given != nil {
		return l.given.Classes(), nil
	}
	classes := data.SortClasses(l.texts)
	li, err := data.NewLabelIndex(classes)
	if err != nil {
		return nil, err
	}
	remap := make([]int32, len(l.texts))
	for id, t := range l.texts {
		k, _ := li.Lookup(t) // every text is a class or numerically equal to one
		remap[id] = int32(k)
	}
	for i, id := range l.y {
		if id >= 0 {
			l.y[i] = remap[id]
		}
	}
	return classes, nil
}

// ints returns y as []int.
func (l *labeler) ints() []int {
	out := make([]int, len(l.y))
	for i, v := range l.y {
		out[i] = int(v)
	}
	return out
}
