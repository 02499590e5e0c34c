package modelfile_test

import (
	"fmt"
	"log"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/modelfile"
)

func Example() {
	// testdata/iris.json is a softmax model of the iris species on two
	// standardized petal measurements, calibrated by temperature (its
	// parameters are illustrative, rounded from a fit).
	m, err := modelfile.Load("testdata/iris.json")
	if err != nil {
		log.Fatal(err)
	}
	// Two flowers: petal length and width in cm.
	x, _ := data.NewDense(2, 2, []float64{
		1.4, 0.2,
		5.1, 1.9,
	})
	probs, err := m.PredictProba(nil, x)
	if err != nil {
		log.Fatal(err)
	}
	classes, _ := m.Predict(nil, x)
	k := m.NumClasses()
	for i, c := range classes {
		fmt.Printf("%-10s %.3f\n", m.Classes[c], probs[i*k:(i+1)*k])
	}
	// Output:
	// setosa     [0.975 0.025 0.000]
	// virginica  [0.001 0.286 0.713]
}

func ExampleModel_Save() {
	m := &modelfile.Model{
		Kind:      modelfile.Logistic,
		Classes:   []string{"no", "yes"},
		NFeatures: 2,
		Coef:      []float64{0.8, -1.25},
		Intercept: []float64{0.1},
	}
	if err := m.Validate(); err != nil {
		log.Fatal(err)
	}
	if err := m.Write(writer{}); err != nil {
		log.Fatal(err)
	}
	// m.Save("model.json.gz") writes the same, compressed and atomically.
	// Output:
	// {
	//   "format": "xent-model",
	//   "version": 1,
	//   "kind": "logistic",
	//   "classes": ["no","yes"],
	//   "n_features": 2,
	//   "coef": [0.8,-1.25],
	//   "intercept": [0.1]
	// }
}

// writer prints what is written, for the example.
type writer struct{}

func (writer) Write(b []byte) (int, error) { fmt.Print(string(b)); return len(b), nil }
