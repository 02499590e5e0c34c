package data

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// rng is the generator of the seeded splits: PCG (math/rand/v2's, whose
// output sequence is fixed) with our own bounded draws and shuffles, so the
// splits do not change with the Go release.
type rng struct{ src *rand.PCG }

func newRNG(seed uint64) rng { return rng{rand.NewPCG(seed, 0x9e3779b97f4a7c15)} }

// intn returns a uniform integer in [0, n), n > 0 (Lemire's method).
func (r rng) intn(n int) int {
	un := uint64(n)
	hi, lo := bits.Mul64(r.src.Uint64(), un)
	if lo < un {
		thresh := -un % un
		for lo < thresh {
			hi, lo = bits.Mul64(r.src.Uint64(), un)
		}
	}
	return int(hi)
}

// shuffle permutes s uniformly (Fisher–Yates, as numpy's shuffle).
func shuffle[T any](r rng, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		s[i], s[j] = s[j], s[i]
	}
}

// classMembers returns the sample indices of each class, classes in order of
// first appearance in y (as scikit-learn's StratifiedKFold encodes them).
func classMembers(y []int) ([][]int, error) {
	pos := map[int]int{}
	var members [][]int
	for i, c := range y {
		if c < 0 {
			return nil, &Error{Field: "y", Row: i, Col: -1, Value: fmt.Sprint(c),
				Err: fmt.Errorf("negative class index: %w", ErrIndex)}
		}
		k, ok := pos[c]
		if !ok {
			k = len(members)
			pos[c] = k
			members = append(members, nil)
		}
		members[k] = append(members[k], i)
	}
	return members, nil
}

// StratifiedSplit splits the samples 0..len(y)-1 into a training and a test
// set that keep the class proportions of y, as scikit-learn's
// train_test_split(stratify=y, test_size=testSize) (StratifiedShuffleSplit):
// the test set has ceil(testSize·n) samples, the training set the rest; the
// per-class sizes follow scikit-learn's _approximate_mode (floors of the
// proportional share, the remaining draws given to the largest remainders,
// ties broken at random); within each class the members are shuffled and
// the first ones go to training.
//
// The split is a deterministic function of y, testSize and seed (the zero
// seed is a fixed seed), independent of the Go release and of GOMAXPROCS,
// but not bit-identical to scikit-learn's, whose random numbers come from
// numpy. Both index lists are returned sorted ascending.
//
// It returns an error when testSize is not in (0, 1), when either set would
// have fewer samples than there are classes, or when a class has fewer than
// two members (all as scikit-learn), wrapping [ErrClasses] or [ErrShape].
func StratifiedSplit(y []int, testSize float64, seed uint64) (train, test []int, err error) {
	n := len(y)
	if !(testSize > 0 && testSize < 1) {
		return nil, nil, fmt.Errorf("data: StratifiedSplit: testSize = %v, want in (0, 1): %w", testSize, ErrShape)
	}
	members, err := classMembers(y)
	if err != nil {
		return nil, nil, err
	}
	nTest := int(math.Ceil(testSize * float64(n)))
	nTrain := n - nTest
	k := len(members)
	if nTrain < k || nTest < k {
		return nil, nil, fmt.Errorf("data: StratifiedSplit: %d training and %d test samples for %d classes, want at least one each per class: %w",
			nTrain, nTest, k, ErrClasses)
	}
	counts := make([]int, k)
	for c, m := range members {
		if len(m) < 2 {
			return nil, nil, fmt.Errorf("data: StratifiedSplit: class %d has %d member, want at least 2: %w",
				y[m[0]], len(m), ErrClasses)
		}
		counts[c] = len(m)
	}
	r := newRNG(seed)
	nI := approximateMode(r, counts, nTrain)
	rem := make([]int, k)
	for c := range counts {
		rem[c] = counts[c] - nI[c]
	}
	tI := approximateMode(r, rem, nTest)
	train = make([]int, 0, nTrain)
	test = make([]int, 0, nTest)
	for c, m := range members {
		perm := slices.Clone(m)
		shuffle(r, perm)
		train = append(train, perm[:nI[c]]...)
		test = append(test, perm[nI[c]:nI[c]+tI[c]]...)
	}
	slices.Sort(train)
	slices.Sort(test)
	return train, test, nil
}

// approximateMode is scikit-learn's sklearn.utils._approximate_mode: the
// per-class draws closest to counts·draws/Σcounts that sum to draws.
func approximateMode(r rng, counts []int, draws int) []int {
	total := 0
	for _, c := range counts {
		total += c
	}
	cont := make([]float64, len(counts))
	out := make([]int, len(counts))
	need := draws
	for i, c := range counts {
		cont[i] = float64(c) / float64(total) * float64(draws)
		f := math.Floor(cont[i])
		out[i] = int(f)
		need -= out[i]
		cont[i] -= f // remainder
	}
	if need <= 0 {
		return out
	}
	vals := slices.Clone(cont)
	slices.Sort(vals)
	vals = slices.Compact(vals)
	for v := len(vals) - 1; v >= 0 && need > 0; v-- {
		var inds []int
		for i, rem := range cont {
			if rem == vals[v] {
				inds = append(inds, i)
			}
		}
		add := min(len(inds), need)
		shuffle(r, inds)
		for _, i := range inds[:add] {
			out[i]++
		}
		need -= add
	}
	return out
}

// Fold is one split of k-fold cross-validation: sample indices, each sorted
// ascending.
type Fold struct {
	Train, Test []int // the training and the held-out sample indices
}

// StratifiedKFold returns the folds of stratified k-fold cross-validation
// over the samples 0..len(y)-1, as scikit-learn's StratifiedKFold(n_splits=
// folds, shuffle=shuffle, random_state=seed).split(X, y): classes are
// numbered in order of first appearance; the sorted class sequence is dealt
// round-robin to the folds to decide how many members of each class each
// fold gets; each class's fold assignments are shuffled when shuffle is
// true and then given to its members in index order. Fold f's test set is
// the samples assigned to f, its training set all others.
//
// Without shuffle the folds are identical to scikit-learn's. With shuffle
// they are a deterministic function of y and seed (the zero seed is a fixed
// seed) but not bit-identical to scikit-learn's, whose random numbers come
// from numpy.
//
// It returns an error, wrapping [ErrShape] or [ErrClasses], when folds < 2,
// folds > len(y), or every class has fewer than folds members (as
// scikit-learn). Where only some classes have fewer than folds members,
// scikit-learn warns; here those classes are simply absent from some test
// folds.
func StratifiedKFold(y []int, folds int, shuffleFolds bool, seed uint64) ([]Fold, error) {
	n := len(y)
	if folds < 2 || folds > n {
		return nil, fmt.Errorf("data: StratifiedKFold: %d folds for %d samples, want 2 ≤ folds ≤ samples: %w", folds, n, ErrShape)
	}
	members, err := classMembers(y)
	if err != nil {
		return nil, err
	}
	k := len(members)
	maxCount := 0
	for _, m := range members {
		maxCount = max(maxCount, len(m))
	}
	if maxCount < folds {
		return nil, fmt.Errorf("data: StratifiedKFold: %d folds but no class has more than %d members: %w", folds, maxCount, ErrClasses)
	}
	// y_order = sorted encoded labels; allocation[f][c] = count of class c in
	// y_order[f::folds].
	alloc := make([]int, folds*k)
	pos := 0
	for c, m := range members {
		for range m {
			alloc[(pos%folds)*k+c]++
			pos++
		}
	}
	r := newRNG(seed)
	testFold := make([]int, n)
	assign := make([]int, 0, maxCount)
	for c, m := range members {
		assign = assign[:0]
		for f := 0; f < folds; f++ {
			for range alloc[f*k+c] {
				assign = append(assign, f)
			}
		}
		if shuffleFolds {
			shuffle(r, assign)
		}
		for t, i := range m {
			testFold[i] = assign[t]
		}
	}
	sizes := make([]int, folds)
	for _, f := range testFold {
		sizes[f]++
	}
	out := make([]Fold, folds)
	for f := range out {
		out[f] = Fold{Train: make([]int, 0, n-sizes[f]), Test: make([]int, 0, sizes[f])}
	}
	for i, tf := range testFold {
		for f := range out {
			if f == tf {
				out[f].Test = append(out[f].Test, i)
			} else {
				out[f].Train = append(out[f].Train, i)
			}
		}
	}
	return out, nil
}
