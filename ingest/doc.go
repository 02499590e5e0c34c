// Package ingest reads labelled datasets from CSV and LibSVM (svmlight)
// files into [data.Dataset] values, streaming, with errors that name the
// file, line and column.
//
// Reading a training file learns a [Schema]: the format, the label column,
// the feature columns and their order, the categories of one-hot encoded
// columns, the imputation values and the classes. The model file saves the
// Schema; at prediction and evaluation time [Schema.Read] applies it, so
// that columns, encodings and class indices line up with training.
//
// # Formats
//
// CSV: a header row names the columns; the label column is "label" unless
// [Options.LabelColumn] says otherwise. Feature columns are numeric unless
// declared categorical by name, in which case they are one-hot encoded.
// Fields may be quoted; line ends may be LF or CRLF; a UTF-8 byte order mark
// and blank lines are skipped. Spaces and tabs around header names,
// numbers, labels and categories are removed, inside quotes too, so that
// "1, yes" and "2,yes" have the same class. A label that is empty or a
// missing-value marker ("NA", "N/A", "NaN", "nan", "null") is an error
// wrapping [ErrMissing], whatever [Options.Missing] says.
//
// LibSVM: one sample per line, "label index:value ...", indices 1-based
// and strictly increasing, "qid:" tokens ignored, "#" starting a comment.
// Zero values are not stored. A missing-value marker as label is an error
// wrapping [ErrMissing]; a line that is one token holding a comma, such as
// "2.33,-0.66,yes", is a CSV line and an error wrapping [ErrSyntax]. An
// index above [MaxFeatures] is an error unless the number of features is
// given.
//
// Input compressed with gzip is detected from its magic bytes, whatever the
// file name. The format comes from [Options.Format] or from the file name
// (".csv"; ".svm", ".libsvm", ".svmlight"; a ".gz" suffix looked through);
// "-" names standard input, for which the format must be given. When a
// [Schema] is applied, the format must be the schema's: a file name that
// implies the other format is an error wrapping [ErrFormat].
//
// # Errors
//
// Every problem in the data is an [*Error] naming the place, for example
//
//	ingest: train.csv:12:9: field 3 "petal_width": invalid number "1,5"
//
// with a sentinel cause ([ErrNumber], [ErrMissing], …) for [errors.Is].
// Lines are 1-based; columns are 1-based byte offsets within the line, as
// in encoding/csv's ParseError.
package ingest
