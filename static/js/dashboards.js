/* Draws the dashboards' ECharts from data passed with json_script (money arrives as strings). */
(function () {
  "use strict";

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function num(value) {
    return value === undefined || value === null ? null : Number(value);
  }

  var palettes = {
    light: { text: "#333", axis: "#999", split: "#eee", infra: "#c62828", comp: "#1565c0", time: "#455a64", bg: "transparent" },
    dark: { text: "#dce6f5", axis: "#5f7896", split: "rgba(120,150,190,.18)", infra: "#ff6b5b", comp: "#3fb6ff", time: "#ffd54f", bg: "transparent" }
  };

  var CUMULATIVE_NAMES = ["时序进度", "基础设施投资完成率", "争先杯投资完成率", "基础设施计划进度", "争先杯计划进度"];

  // the legend wraps in a narrow chart; the plot starts below however many rows it takes
  // (a legend item: its 25px symbol, 5px, the name at about one font size a character, 10px gap)
  function legendHeight(width, fontSize) {
    var rows = 1, line = 0;
    CUMULATIVE_NAMES.forEach(function (name) {
      var item = 25 + 5 + name.length * fontSize + 10;
      if (line > 0 && line + item > width - 10) { rows += 1; line = 0; }
      line += item;
    });
    return rows * (fontSize + 12);
  }

  function cumulativeOption(series, theme, width) {
    var p = palettes[theme];
    var big = theme === "dark";
    var fontSize = big ? 15 : 12;
    return {
      backgroundColor: p.bg,
      animation: !big,
      textStyle: { color: p.text, fontSize: fontSize },
      tooltip: {
        trigger: "axis",
        confine: true,
        formatter: function (items) {
          var row = series[items[0].dataIndex];
          var lines = ["第" + row.week + "周（截至 " + row.end + "）", "时序进度：" + row.time_percent + "%"];
          if (row.infrastructure_wan !== undefined) {
            lines.push("基础设施：完成 " + row.infrastructure_wan + " 万元（" + row.infrastructure_percent + "%），计划 " +
              row.infrastructure_planned_wan + " 万元（" + row.infrastructure_planned_percent + "%）");
            lines.push("争先杯：完成 " + row.competition_wan + " 万元（" + row.competition_percent + "%），计划 " +
              row.competition_planned_wan + " 万元（" + row.competition_planned_percent + "%）");
          }
          return lines.join("<br>");
        }
      },
      legend: { top: 0, itemGap: 10, textStyle: { color: p.text, fontSize: fontSize } },
      grid: { left: big ? 60 : 48, right: 20, top: legendHeight(width, fontSize) + 12, bottom: big ? 40 : 28 },
      xAxis: {
        type: "category",
        data: series.map(function (row) { return "第" + row.week + "周"; }),
        axisLine: { lineStyle: { color: p.axis } },
        axisLabel: { color: p.text, fontSize: fontSize - 1 }
      },
      yAxis: {
        type: "value", min: 0, max: function (v) { return Math.max(100, Math.ceil(v.max / 10) * 10); },
        axisLabel: { formatter: "{value}%", color: p.text, fontSize: fontSize - 1 },
        splitLine: { lineStyle: { color: p.split } }
      },
      series: [
        { name: CUMULATIVE_NAMES[0], type: "line", data: series.map(function (r) { return num(r.time_percent); }),
          symbol: "none", lineStyle: { type: "dashed", width: 2, color: p.time }, itemStyle: { color: p.time } },
        { name: CUMULATIVE_NAMES[1], type: "line", data: series.map(function (r) { return num(r.infrastructure_percent); }),
          smooth: true, symbolSize: big ? 8 : 6, lineStyle: { width: 3, color: p.infra }, itemStyle: { color: p.infra },
          areaStyle: { color: p.infra, opacity: 0.08 } },
        { name: CUMULATIVE_NAMES[2], type: "line", data: series.map(function (r) { return num(r.competition_percent); }),
          smooth: true, symbolSize: big ? 8 : 6, lineStyle: { width: 3, color: p.comp }, itemStyle: { color: p.comp },
          areaStyle: { color: p.comp, opacity: 0.08 } },
        // the summed 进度计划 of each block's items, in the block's colour, dotted
        { name: CUMULATIVE_NAMES[3], type: "line", data: series.map(function (r) { return num(r.infrastructure_planned_percent); }),
          symbol: "none", lineStyle: { type: "dotted", width: 2, color: p.infra }, itemStyle: { color: p.infra } },
        { name: CUMULATIVE_NAMES[4], type: "line", data: series.map(function (r) { return num(r.competition_planned_percent); }),
          symbol: "none", lineStyle: { type: "dotted", width: 2, color: p.comp }, itemStyle: { color: p.comp } }
      ]
    };
  }

  function gaugeOption(data, theme, width) {
    var p = palettes[theme];
    // the figure shrinks with its box so that a phone's narrow gauge still holds it
    var figureSize = Math.max(18, Math.min(34, Math.round(width / 6)));
    var value = num(data.percent);
    return {
      animation: false,
      series: [{
        type: "gauge", startAngle: 210, endAngle: -30, min: 0, max: 100, radius: "92%", center: ["50%", "58%"],
        progress: { show: true, width: 16, itemStyle: { color: data.color || p.infra } },
        axisLine: { lineStyle: { width: 16, color: [[1, "rgba(120,150,190,.25)"]] } },
        axisTick: { show: false }, splitLine: { show: false },
        axisLabel: { show: false }, pointer: { show: false },
        anchor: { show: false },
        title: { show: true, offsetCenter: [0, "38%"], color: p.text, fontSize: Math.min(16, Math.round(figureSize / 2)) },
        detail: { valueAnimation: false, offsetCenter: [0, "0%"], fontSize: figureSize, fontWeight: "bold", color: p.text,
          formatter: function () { return data.percent + "%"; } },
        markLine: undefined,
        data: [{ value: Math.min(100, value), name: "计划 " + data.due_percent + "%" }]
      }]
    };
  }

  function baseOption(theme) {
    var p = palettes[theme];
    return { backgroundColor: p.bg, animation: theme !== "dark", textStyle: { color: p.text, fontSize: 12 },
      tooltip: { trigger: "item", confine: true } };
  }

  function statusOption(rows, theme) {
    var option = baseOption(theme);
    // the big screen's small donut: its legend beside it names each slice with its count (labels
    // around so small a ring would be cut to "严重滞…"); the overview's has its legend below
    var named = theme === "dark";
    var counts = {};
    rows.forEach(function (r) { counts[r.label] = r.count; });
    option.legend = named
      ? { orient: "vertical", right: 0, top: "middle", itemWidth: 10, itemHeight: 10, itemGap: 6,
          textStyle: { color: palettes[theme].text, fontSize: 11 },
          formatter: function (name) { return name + " " + counts[name]; } }
      : { bottom: 0, textStyle: { color: palettes[theme].text }, itemWidth: 12, itemGap: 6 };
    option.series = [{ type: "pie", radius: named ? ["35%", "62%"] : ["38%", "62%"], center: [named ? "26%" : "50%", named ? "50%" : "42%"], avoidLabelOverlap: true,
      label: named ? { show: false } : { formatter: "{c}", color: palettes[theme].text, fontSize: 12 },
      data: rows.map(function (r) { return { name: r.label, value: r.count, itemStyle: { color: r.color } }; }) }];
    return option;
  }

  function monthsOption(rows, theme) {
    var p = palettes[theme];
    var option = baseOption(theme);
    option.tooltip = { trigger: "axis", confine: true };
    // the legend below the plot: above it, it would cover the axis name (万元)
    option.legend = { bottom: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: p.text } };
    option.grid = { left: 8, right: 8, top: 32, bottom: 24, containLabel: true };
    option.xAxis = { type: "category", data: rows.map(function (r) { return r.month; }), axisLabel: { color: p.text } };
    option.yAxis = { type: "value", name: "万元", axisLabel: { color: p.text }, splitLine: { lineStyle: { color: p.split } } };
    option.series = [
      { name: "计划", type: "bar", data: rows.map(function (r) { return num(r.planned_wan); }), itemStyle: { color: p.time } },
      { name: "完成", type: "bar", data: rows.map(function (r) { return num(r.completed_wan); }), itemStyle: { color: p.infra } }
    ];
    return option;
  }

  function weekOption(w, theme) {
    var p = palettes[theme];
    var option = baseOption(theme);
    option.tooltip = { trigger: "axis", confine: true };
    option.legend = { bottom: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: p.text } };
    option.grid = { left: 8, right: 8, top: 32, bottom: 24, containLabel: true };
    option.xAxis = { type: "category", data: ["上周", "本周"], axisLabel: { color: p.text } };
    option.yAxis = [
      { type: "value", name: "万元", axisLabel: { color: p.text }, splitLine: { lineStyle: { color: p.split } } },
      { type: "value", name: "份", axisLabel: { color: p.text }, splitLine: { show: false } }
    ];
    option.series = [
      { name: "完成投资", type: "bar", data: [num(w.last_week_wan), num(w.this_week_wan)], itemStyle: { color: p.infra } },
      { name: "收到周报", type: "bar", yAxisIndex: 1, data: [w.last_week_reports, w.this_week_reports], itemStyle: { color: p.comp } }
    ];
    return option;
  }

  function rankingOption(rows, theme, field) {
    var p = palettes[theme];
    var ordered = rows.slice().reverse();
    var option = baseOption(theme);
    option.tooltip = { trigger: "axis", confine: true, axisPointer: { type: "shadow" } };
    option.grid = { left: 8, right: 48, top: 8, bottom: 8, containLabel: true };
    // every unit named (interval 0), small enough for the big screen's narrow panel
    var dark = theme === "dark";
    option.xAxis = { type: "value", max: 100, splitNumber: dark ? 2 : 5, axisLabel: { formatter: "{value}%", color: p.text }, splitLine: { lineStyle: { color: p.split } } };
    option.yAxis = { type: "category", data: ordered.map(function (r) { return r.department; }),
      axisLabel: { color: p.text, width: 96, overflow: "truncate", interval: 0, fontSize: dark ? 10 : 12 } };
    option.series = [{ type: "bar", data: ordered.map(function (r) { return num(r[field]); }), barMaxWidth: 18,
      itemStyle: { color: field === "reporting_percent" ? p.comp : p.infra },
      label: { show: true, position: "right", formatter: "{c}%", color: p.text } }];
    return option;
  }

  var builders = {
    status: statusOption, months: monthsOption, week: weekOption,
    ranking: function (data, theme, el) { return rankingOption(data, theme, el.dataset.field); }
  };

  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var theme = el.dataset.theme || "light";
      var data = readJson(el.dataset.source);
      if (!data) { el.dataset.drawn = "empty"; return; }
      var chart = echarts.init(el, null, { renderer: "svg" });
      // "finished" comes after the labels' layout and any animation: screenshots and checks wait for it
      chart.on("finished", function () { el.dataset.drawn = "1"; });
      var kind = el.dataset.chart;
      var option;
      if (kind === "gauge") { option = gaugeOption(data, theme, el.clientWidth); }
      else if (builders[kind]) { option = builders[kind](data, theme, el); }
      else { option = cumulativeOption(data, theme, el.clientWidth); }
      chart.setOption(option);
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
