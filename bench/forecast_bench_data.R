# Writes the classic monthly series of R's datasets package in adpilot's long series layout
# (series_id,timestamp,value), for bench/forecast_bench.sh.
args <- commandArgs(trailingOnly = TRUE)
series <- list(AirPassengers = AirPassengers, nottem = nottem, USAccDeaths = USAccDeaths,
               UKDriverDeaths = UKDriverDeaths, ldeaths = ldeaths, mdeaths = mdeaths,
               fdeaths = fdeaths, co2 = co2, drivers = Seatbelts[, "drivers"],
               front = Seatbelts[, "front"], rear = Seatbelts[, "rear"])
rows <- do.call(rbind, lapply(names(series), function(n) {
  y <- as.numeric(series[[n]])
  data.frame(series_id = n, timestamp = seq_along(y), value = y)
}))
write.csv(rows, args[1], row.names = FALSE, quote = FALSE)
