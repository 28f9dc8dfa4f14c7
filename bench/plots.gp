# Plots for docs/benchmarks.md, from the data files bench/report.py writes. Call with
#   gnuplot -e "datadir='…'; outdir='…'" bench/plots.gp
set terminal pngcairo size 1200,650 font "sans,10"
set datafile missing "NaN"

set output outdir."/latency.png"
set title "Latency percentiles per scenario (wrk / load tool, same run)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel "ms (log scale)"
set xtics rotate by -40 left noenhanced
set key top left
set grid ytics
set bmargin 9
plot datadir."/latency.dat" using 2:xtic(1) title "p50", '' using 3 title "p95", '' using 4 title "p99"

unset logscale
set bmargin
set output outdir."/throughput.png"
set title "Heartbeat throughput against distinct clients (same run)"
set style data linespoints
set logscale xy
set xlabel "clients (connections)"
set ylabel "requests/s (log scale)"
set xtics (10, 100, 1000) norotate
set xrange [7:1500]
set key bottom left
plot datadir."/throughput.dat" using 1:2 title "bare Kestrel baseline" lw 2, \
     '' using 1:3 title "heartbeat, Redis" lw 2, \
     '' using 1:4 title "heartbeat, Redis, If-None-Match" lw 2, \
     '' using 1:5 title "heartbeat, SQL" lw 2, \
     '' using 1:6 title "heartbeat, SQL, If-None-Match" lw 2
