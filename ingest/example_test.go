package ingest_test

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/xent-ml/xent/data"
	"github.com/xent-ml/xent/ingest"
)

func ExampleRead() {
	train := `sepal_length,petal_length,color,label
5.1,1.4,red,setosa
7.0,4.7,blue,versicolor
6.3,NA,red,virginica
`
	d, schema, err := ingest.Read(strings.NewReader(train), "train.csv", ingest.Options{
		Categorical: []string{"color"},
		Missing:     ingest.MissingMean,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.FeatureNames)
	fmt.Println(data.ToDense(d.X).RawData())
	fmt.Println(d.Y, d.Classes)
	js, _ := json.Marshal(schema.Columns)
	fmt.Println(string(js))
	// Output:
	// [sepal_length petal_length color_blue color_red]
	// [5.1 1.4 0 1 7 4.7 1 0 6.3 3.05 0 1]
	// [0 1 2] [setosa versicolor virginica]
	// [{"name":"sepal_length","fill":6.133333333333333},{"name":"petal_length","fill":3.05},{"name":"color","categorical":true,"categories":["blue","red"]}]
}

func ExampleRead_libSVM() {
	d, schema, err := ingest.Read(strings.NewReader("+1 1:0.5 3:2 # first\n-1 qid:7 2:1\n"), "train.svm", ingest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(data.ToDense(d.X).RawData(), d.Y, d.Classes, schema.NumFeatures)

	_, _, err = ingest.Read(strings.NewReader("1 2:1 2:3\n"), "bad.svm", ingest.Options{})
	fmt.Println(err)
	// Output:
	// [0.5 0 2 0 1 0] [1 0] [-1 +1] 3
	// ingest: bad.svm:1:7: feature indices not strictly increasing "2" (after 2)
}

func ExampleSchema_Read() {
	_, schema, err := ingest.Read(strings.NewReader("a,b,label\n1,2,no\n3,4,yes\n"), "train.csv", ingest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The test file has its columns in another order and one more column.
	d, err := schema.Read(strings.NewReader("label,extra,b,a\nyes,x,20,10\n"), "test.csv", ingest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(data.ToDense(d.X).RawData(), d.Y)

	_, err = schema.Read(strings.NewReader("a,b,label\n1,2,maybe\n"), "test.csv", ingest.Options{})
	fmt.Println(err)
	// Output:
	// [10 20] [1]
	// ingest: test.csv:2:5: field 3 "label": unknown class label "maybe" (not among the classes)
}
