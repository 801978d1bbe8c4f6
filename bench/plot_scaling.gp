# Plots the load sweep of bench/run_all.sh (dev-time tool: gnuplot-nox, not a CI dependency).
#
#   gnuplot -e "data='build-bench/bench/work/scaling.tsv'; out='docs/performance-scaling.png'" \
#       bench/plot_scaling.gp
#
# Columns of the TSV: items, bytes, yaml events ms, yaml-cpp ms, load ms, lint ms, peak MiB.
if (!exists("data")) data = 'build-bench/bench/work/scaling.tsv'
if (!exists("out")) out = 'docs/performance-scaling.png'
set terminal pngcairo size 1200,900 font ",11" noenhanced
set output out
set datafile separator "\t"
set key top left
set grid
set multiplot layout 2,2 title "onething: cost against catalog size (2-core machine; one process per point)"

set title "Time to read the catalog (s)"
set xlabel "items in the catalog (thousands)"
set ylabel "seconds"
plot data using ($1/1000):($6/1000) with linespoints lw 2 title "load + lint", \
     data using ($1/1000):($5/1000) with linespoints title "load", \
     data using ($1/1000):($4/1000) with linespoints title "bare yaml-cpp (LoadFile + walk)", \
     data using ($1/1000):($3/1000) with linespoints title "yaml-cpp events only"

set title "Cost per item (µs): flat = linear"
set ylabel "µs per item"
set yrange [0:*]
set key bottom right
plot data using ($1/1000):($6*1000/$1) with linespoints lw 2 title "load + lint", \
     data using ($1/1000):($4*1000/$1) with linespoints title "bare yaml-cpp", \
     data using ($1/1000):($3*1000/$1) with linespoints title "yaml-cpp events only"

set key top left
set title "Peak memory after loading (MiB, getrusage ru_maxrss)"
set ylabel "MiB"
set yrange [0:*]
plot data using ($1/1000):7 with linespoints lw 2 title "peak resident memory", \
     1024 with lines dt 2 lc rgb "red" title "target at 200,000 items: 1 GiB"

set title "Load + lint ÷ bare yaml-cpp"
set ylabel "ratio"
set yrange [0:2]
plot data using ($1/1000):($6/$4) with linespoints lw 2 title "load + lint ÷ yaml-cpp", \
     1.5 with lines dt 2 lc rgb "red" title "target: 1.5"
unset multiplot
