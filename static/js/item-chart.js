// Cumulative investment as a share of the 100-day plan against the item's own 计划完成率 (its
// 进度计划) and time progress, week by week.
(function () {
  var holder = document.getElementById("progress-chart");
  var source = document.getElementById("chart-data");
  if (!holder || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  if (!data.weeks.length) {
    holder.outerHTML = '<p class="text-muted small mb-0">行动尚未开始，暂无图表。</p>';
    return;
  }
  var chart = echarts.init(holder, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    grid: { left: 36, right: 40, top: 30, bottom: 24 },
    xAxis: { type: "category", data: data.weeks, axisLabel: { fontSize: 10 } },
    yAxis: [
      { type: "value", name: "%", min: 0, axisLabel: { fontSize: 10 } },
      { type: "value", name: "万元", axisLabel: { fontSize: 10 }, splitLine: { show: false } }
    ],
    series: [
      { name: "累计投资占计划%", type: "line", data: data.cumulative_percent, itemStyle: { color: "#c62828" } },
      { name: "计划完成率%", type: "line", data: data.plan_percent, lineStyle: { type: "dotted" }, itemStyle: { color: "#1565c0" } },
      { name: "时序进度%", type: "line", data: data.time_percent, lineStyle: { type: "dashed" }, itemStyle: { color: "#6c757d" } },
      { name: "本周投资(万元)", type: "bar", yAxisIndex: 1, data: data.weekly_wan, itemStyle: { color: "#f4a7a7" } }
    ]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
