package data_test

import (
	"fmt"

	"github.com/xent-ml/xent/data"
)

func ExampleNewDense() {
	x, err := data.NewDense(2, 3, []float64{
		1, 2, 3,
		4, 5, 6,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	z := make([]float64, 2)
	x.MulVec(z, []float64{1, 0, -1}, 0, 2) // z = X w
	g := make([]float64, 3)
	x.AddTransVec(g, []float64{1, 1}, 0, 2) // g += Xᵀ r
	fmt.Println(z, g)

	_, err = data.NewDense(1, 2, []float64{0, 1 / zero()})
	fmt.Println(err)
	// Output:
	// [-2 -2] [5 7 9]
	// data: X[0, 1] = +Inf: value is not finite
}

func zero() float64 { return 0 }

func ExampleNewCSR() {
	// [[0 2 0]
	//  [1 0 3]]
	x, err := data.NewCSR(2, 3, []int{0, 1, 3}, []int32{1, 0, 2}, []float64{2, 1, 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	dense := make([]float64, 6)
	x.DenseRows(dense, 0, 2)
	fmt.Println(dense, x.NNZ())

	_, err = data.NewCSR(1, 3, []int{0, 2}, []int32{2, 1}, []float64{1, 1})
	fmt.Println(err)
	// Output:
	// [0 2 0 1 0 3] 3
	// data: indices[0, 1] = 1: after 2: column indices not strictly increasing
}

func ExampleSortClasses() {
	fmt.Println(data.SortClasses([]string{"10", "9", "-1", "9.0"}))
	fmt.Println(data.SortClasses([]string{"versicolor", "setosa", "10"}))
	// Output:
	// [-1 9 10]
	// [10 setosa versicolor]
}

func ExampleStratifiedKFold() {
	y := []int{0, 0, 1, 1, 0, 1}
	folds, err := data.StratifiedKFold(y, 3, false, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range folds {
		fmt.Println(f.Train, f.Test)
	}
	// Output:
	// [1 3 4 5] [0 2]
	// [0 2 4 5] [1 3]
	// [0 1 2 3] [4 5]
}

func ExampleRows() {
	x, _ := data.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})
	sub, _ := data.Rows(x, []int{2, 0}) // a copy
	view, _ := data.Slice(x, 1, 3)      // shares x's storage
	fmt.Println(sub.(*data.Dense).RawData(), view.(*data.Dense).RawData())
	// Output: [5 6 1 2] [3 4 5 6]
}
