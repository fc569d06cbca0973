# Series for bench/forecast_bench.sh in adpilot's long layout (series_id,timestamp,value).
#   Rscript forecast_bench_data.R monthly OUT.csv
#       the classic monthly series of R's datasets package (period 12)
#   Rscript forecast_bench_data.R hourly NAB_DATA_DIR OUT.csv KEEP
#       hourly series from the NAB corpus: readings averaged per clock hour (nyc_taxi is
#       half-hourly, the others every 5 minutes), the last KEEP hours of each; a series with a
#       missing hour is skipped rather than filled
args <- commandArgs(trailingOnly = TRUE)

monthly <- function(out) {
  series <- list(AirPassengers = AirPassengers, nottem = nottem, USAccDeaths = USAccDeaths,
                 UKDriverDeaths = UKDriverDeaths, ldeaths = ldeaths, mdeaths = mdeaths,
                 fdeaths = fdeaths, co2 = co2, drivers = Seatbelts[, "drivers"],
                 front = Seatbelts[, "front"], rear = Seatbelts[, "rear"])
  rows <- do.call(rbind, lapply(names(series), function(n) {
    y <- as.numeric(series[[n]])
    data.frame(series_id = n, timestamp = seq_along(y), value = y)
  }))
  write.csv(rows, out, row.names = FALSE, quote = FALSE)
}

hourly <- function(dir, out, keep) {
  files <- c("realKnownCause/nyc_taxi.csv",
             "realKnownCause/machine_temperature_system_failure.csv",
             "realKnownCause/cpu_utilization_asg_misconfiguration.csv",
             paste0("realTweets/Twitter_volume_", c("AAPL", "AMZN", "FB", "GOOG", "IBM", "KO"),
                    ".csv"))
  rows <- list()
  for (f in files) {
    d <- read.csv(file.path(dir, f), stringsAsFactors = FALSE)
    hour <- as.numeric(as.POSIXct(substr(d$timestamp, 1, 13), format = "%Y-%m-%d %H",
                                  tz = "UTC")) / 3600
    means <- tapply(d$value, hour, mean)
    hours <- as.numeric(names(means))
    if (length(hours) != max(hours) - min(hours) + 1) {
      message("skip ", f, ": missing hours")
      next
    }
    y <- tail(as.numeric(means[order(hours)]), keep)
    rows[[f]] <- data.frame(series_id = sub("\\.csv$", "", basename(f)),
                            timestamp = seq_along(y), value = sprintf("%.17g", y))
  }
  write.csv(do.call(rbind, rows), out, row.names = FALSE, quote = FALSE)
}

if (args[1] == "monthly") {
  monthly(args[2])
} else if (args[1] == "hourly") {
  hourly(args[2], args[3], as.integer(args[4]))
} else {
  stop("usage: forecast_bench_data.R monthly OUT.csv | hourly NAB_DATA_DIR OUT.csv KEEP")
}
