# Read the Data Package with readr, each column typed as datapackage.json declares it.
#
#   Rscript clients/r/read_package.R [DIR] [RESOURCE | --all]   (RESOURCE or all: JSON)
#
# In R:   source("clients/r/read_package.R"); pkg <- read_package("data/tables")
#         pkg$table2_debts_to_japan
#
# Column types and missing values come from each resource's schema (a schema
# given as a path is read from the package folder): integer -> integer, number ->
# double, boolean -> logical, everything else (dates included) -> character, so
# a printed "-" stays text in `printed` and an empty `value` is NA, never 0.
# Needs only readr and jsonlite (Debian: r-cran-readr, r-cran-jsonlite).

suppressPackageStartupMessages({
  library(jsonlite)
  library(readr)
})

.column_type <- function(type) {
  switch(type,
    integer = col_integer(),
    number = col_double(),
    boolean = col_logical(),
    col_character()
  )
}

read_resource <- function(dir, resource) {
  schema <- resource$schema
  if (is.character(schema)) {
    schema <- fromJSON(file.path(dir, schema), simplifyVector = FALSE)
  }
  fields <- schema$fields
  types <- lapply(fields, function(f) .column_type(if (is.null(f$type)) "string" else f$type))
  names(types) <- vapply(fields, function(f) f$name, "")
  missing <- if (is.null(schema$missingValues)) "" else unlist(schema$missingValues)
  read_csv(
    file.path(dir, resource$path),
    col_types = do.call(cols_only, types),
    na = missing,
    quote = "\"",
    trim_ws = FALSE,
    locale = locale(encoding = "UTF-8"),
    progress = FALSE
  )
}

read_package <- function(dir = "data/tables") {
  descriptor <- fromJSON(file.path(dir, "datapackage.json"), simplifyVector = FALSE)
  tables <- lapply(descriptor$resources, function(r) read_resource(dir, r))
  names(tables) <- vapply(descriptor$resources, function(r) r$name, "")
  tables
}

if (sys.nframe() == 0L) {
  args <- commandArgs(trailingOnly = TRUE)
  dir <- if (length(args) >= 1) args[[1]] else "data/tables"
  pkg <- read_package(dir)
  if (length(args) >= 2 && args[[2]] == "--all") {
    # every resource as JSON, with each column's R class: typed values, NA as null
    # (what the tests compare with pandas and with the schema's types)
    classes <- lapply(pkg, function(t) lapply(t, function(col) unbox(class(col)[[1]])))
    cat(toJSON(list(classes = classes, tables = pkg),
      dataframe = "columns", na = "null", digits = NA
    ))
  } else if (length(args) >= 2) {
    cat(toJSON(pkg[[args[[2]]]], dataframe = "columns", na = "null", digits = NA))
  } else {
    for (name in names(pkg)) cat(sprintf("%-28s %5d rows\n", name, nrow(pkg[[name]])))
  }
}
