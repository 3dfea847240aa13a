// Draws each chart of the page from the JSON the server embedded beside it; the table below each
// chart holds the same numbers, so the page reads without this script.
(function () {
  "use strict";
  if (typeof echarts === "undefined") {
    return;
  }
  var instances = [];
  Array.prototype.forEach.call(document.querySelectorAll("div.chart[data-chart]"), function (element) {
    var data = document.getElementById(element.getAttribute("data-chart"));
    if (!data) {
      return;
    }
    var chart = JSON.parse(data.textContent);
    var instance = echarts.init(element, null, { renderer: "svg" });
    var horizontal = chart.kind === "bar" && chart.categories.length > 6;
    var categoryAxis = { type: "category", data: chart.categories, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
    var valueAxis = { type: "value", name: chart.axisLabel };
    instance.setOption({
      aria: { enabled: true },
      animation: false,
      color: ["#005eb8", "#330072", "#007f3b", "#ed8b00", "#ae2573", "#00a499", "#425563", "#8a1538", "#ffb81c", "#41b6e6", "#212b32"],
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: horizontal ? 200 : 60, right: 20, top: 40, bottom: 80 },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? Object.assign({}, categoryAxis, { inverse: true, axisLabel: { interval: 0 } }) : valueAxis,
      series: chart.series.map(function (s) {
        return { name: s.name, type: chart.kind, data: s.values, connectNulls: false };
      })
    });
    instances.push(instance);
  });
  window.addEventListener("resize", function () {
    instances.forEach(function (instance) { instance.resize(); });
  });
})();
