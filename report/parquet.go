package report

import (
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"

	"github.com/itbcheck/itbcheck/screen"
)

// parquetRowGroup bounds the rows a table holds in memory before it
// writes them as a row group: a federation's runs table never sits in
// memory whole.
const parquetRowGroup = 64 * 1024

// parquetRenderer writes the research tables (TableFiles: runs, weeks,
// findings) each to its own writer, one athlete at a time.
type parquetRenderer struct {
	head     Header
	hash     string
	runs     *parquet.GenericWriter[runRow]
	weeks    *parquet.GenericWriter[weekRow]
	findings *parquet.GenericWriter[findingRow]
}

// newParquetRenderer writes the tables to files, in TableFiles' order.
func newParquetRenderer(files []io.Writer) Renderer {
	return &parquetRenderer{
		runs:     parquet.NewGenericWriter[runRow](files[0], parquetOptions()...),
		weeks:    parquet.NewGenericWriter[weekRow](files[1], parquetOptions()...),
		findings: parquet.NewGenericWriter[findingRow](files[2], parquetOptions()...),
	}
}

func parquetOptions() []parquet.WriterOption {
	return []parquet.WriterOption{
		parquet.MaxRowsPerRowGroup(parquetRowGroup),
		parquet.Compression(&zstd.Codec{}),
		parquet.KeyValueMetadata("schema", TablesSchema),
	}
}

// Begin keeps the header: every row carries its version and config hash.
func (x *parquetRenderer) Begin(h Header) error {
	x.head, x.hash = h, h.configHash()
	for _, w := range []interface{ SetKeyValueMetadata(k, v string) }{x.runs, x.weeks, x.findings} {
		w.SetKeyValueMetadata("tool_version", h.Tool.Version)
	}
	return nil
}

// Athlete appends a's rows to the three tables.
func (x *parquetRenderer) Athlete(a *screen.Athlete) error {
	k := tableKey{athlete: a.Name, version: x.head.Tool.Version, hash: x.hash}
	if _, err := x.runs.Write(runRows(k, a)); err != nil {
		return fmt.Errorf("%s: %w", RunsTable, err)
	}
	if _, err := x.weeks.Write(weekRows(k, a)); err != nil {
		return fmt.Errorf("%s: %w", WeeksTable, err)
	}
	if _, err := x.findings.Write(findingRows(k, a)); err != nil {
		return fmt.Errorf("%s: %w", FindingsTable, err)
	}
	return nil
}

// End writes each table's last row group and footer.
func (x *parquetRenderer) End([]*screen.Athlete) error {
	return errors.Join(
		wrapTable(RunsTable, x.runs.Close()),
		wrapTable(WeeksTable, x.weeks.Close()),
		wrapTable(FindingsTable, x.findings.Close()))
}

func wrapTable(name string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
