# R's forecast package on the same long series file: for each series, hold out the last H points,
# fit the model on the rest, forecast H steps, and time fit + forecast.
#   Rscript forecast_bench_r.R LONG.csv PERIOD H MODEL OUT.csv
# MODEL: auto.arima | ets | stlf | thetaf | tbats (each with its defaults; ets ignores periods
# above 24, as R says, and stlf is STL + ets on the seasonally adjusted series).
suppressMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1]); period <- as.integer(args[2]); h <- as.integer(args[3]); model <- args[4]
out <- list()
total <- 0
for (id in unique(d$series_id)) {
  y <- d$value[d$series_id == id]
  train <- ts(head(y, length(y) - h), frequency = period)
  t0 <- proc.time()[["elapsed"]]
  fc <- suppressWarnings(switch(model,
    auto.arima = forecast(auto.arima(train), h = h),
    ets = forecast(ets(train), h = h),
    stlf = stlf(train, h = h),
    thetaf = thetaf(train, h = h),
    tbats = forecast(tbats(train), h = h),
    stop("unknown model ", model)))
  total <- total + proc.time()[["elapsed"]] - t0
  out[[length(out) + 1]] <- data.frame(series_id = id, step = seq_len(h), mean = as.numeric(fc$mean))
}
write.csv(do.call(rbind, out), args[5], row.names = FALSE, quote = FALSE)
cat(sprintf("%s seconds %.3f series %d\n", model, total, length(unique(d$series_id))))
