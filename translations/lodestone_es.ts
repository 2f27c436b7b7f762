<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ColorRamp</name>
    <message>
        <source>Viridis (perceptually uniform)</source>
        <translation>Viridis (perceptualmente uniforme)</translation>
    </message>
    <message>
        <source>Rainbow (magnetics)</source>
        <translation>Arcoíris (magnetometría)</translation>
    </message>
    <message>
        <source>Greys</source>
        <translation>Grises</translation>
    </message>
</context>
<context>
    <name>CrsInfo</name>
    <message>
        <source>unknown CRS</source>
        <translation>SRC desconocido</translation>
    </message>
</context>
<context>
    <name>RasterFileFormats</name>
    <message>
        <source>GeoTIFF</source>
        <translation>GeoTIFF</translation>
    </message>
    <message>
        <source>Geosoft GXF grid</source>
        <translation>Malla GXF de Geosoft</translation>
    </message>
    <message>
        <source>Surfer grid</source>
        <translation>Malla de Surfer</translation>
    </message>
    <message>
        <source>ER Mapper</source>
        <translation>ER Mapper</translation>
    </message>
    <message>
        <source>ERDAS Imagine</source>
        <translation>ERDAS Imagine</translation>
    </message>
    <message>
        <source>Esri ASCII grid</source>
        <translation>Malla ASCII de Esri</translation>
    </message>
    <message>
        <source>Esri binary float grid</source>
        <translation>Malla binaria en coma flotante de Esri</translation>
    </message>
    <message>
        <source>ENVI</source>
        <translation>ENVI</translation>
    </message>
    <message>
        <source>NetCDF</source>
        <translation>NetCDF</translation>
    </message>
    <message>
        <source>HDF5</source>
        <translation>HDF5</translation>
    </message>
    <message>
        <source>SAGA grid</source>
        <translation>Malla de SAGA</translation>
    </message>
    <message>
        <source>XYZ grid</source>
        <translation>Malla XYZ</translation>
    </message>
    <message>
        <source>GDAL virtual raster</source>
        <translation>Ráster virtual de GDAL</translation>
    </message>
    <message>
        <source>JPEG 2000</source>
        <translation>JPEG 2000</translation>
    </message>
    <message>
        <source>All supported rasters (%1)</source>
        <translation>Todos los ráster compatibles (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>RenderSettings</name>
    <message>
        <source>Minimum / maximum</source>
        <translation>Mínimo / máximo</translation>
    </message>
    <message>
        <source>Percentile cut</source>
        <translation>Corte por percentiles</translation>
    </message>
    <message>
        <source>Histogram equalisation</source>
        <translation>Ecualización del histograma</translation>
    </message>
    <message>
        <source>Multiply</source>
        <translation>Multiplicar</translation>
    </message>
    <message>
        <source>HSV value (colour shaded)</source>
        <translation>Valor HSV (color sombreado)</translation>
    </message>
</context>
<context>
    <name>SurveyLoader</name>
    <message>
        <source>Not enough memory to read %1.</source>
        <translation>No hay memoria suficiente para leer %1.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>No se puede leer %1: %2</translation>
    </message>
</context>
<context>
    <name>lodestone::BandSelectDialog</name>
    <message>
        <source>Choose a Band</source>
        <translation>Elegir una banda</translation>
    </message>
    <message>
        <source>Band %1</source>
        <translation>Banda %1</translation>
    </message>
    <message>
        <source>Band %1: %2</source>
        <translation>Banda %1: %2</translation>
    </message>
    <message>
        <source>%1 has %2 bands. Which one holds the survey?</source>
        <translation>%1 tiene %2 bandas. ¿Cuál contiene el levantamiento?</translation>
    </message>
</context>
<context>
    <name>lodestone::ColorBarLegend</name>
    <message>
        <source>Histogram equalised</source>
        <translation>Histograma ecualizado</translation>
    </message>
    <message>
        <source>Percentile cut</source>
        <translation>Corte por percentiles</translation>
    </message>
    <message>
        <source>Linear, minimum to maximum</source>
        <translation>Lineal, de mínimo a máximo</translation>
    </message>
</context>
<context>
    <name>lodestone::CursorReadout</name>
    <message>
        <source>%1, %2 (%3)</source>
        <translation>%1, %2 (%3)</translation>
    </message>
    <message>
        <source>row %1, col %2</source>
        <translation>fila %1, col %2</translation>
    </message>
    <message>
        <source>%1 | %2 | no data</source>
        <translation>%1 | %2 | sin datos</translation>
    </message>
    <message>
        <source>%1 | %2 | value %3</source>
        <translation>%1 | %2 | valor %3</translation>
    </message>
</context>
<context>
    <name>lodestone::HistogramPlot</name>
    <message>
        <source>Histogram of the survey&apos;s values, in the colours they are drawn with</source>
        <translation>Histograma de los valores del levantamiento, en los colores con que se dibujan</translation>
    </message>
</context>
<context>
    <name>lodestone::LayerTreePanel</name>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacidad</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>Opacidad de la capa seleccionada</translation>
    </message>
    <message>
        <source>Move the selected layer up</source>
        <translation>Subir la capa seleccionada</translation>
    </message>
    <message>
        <source>Move layer up</source>
        <translation>Subir capa</translation>
    </message>
    <message>
        <source>Move the selected layer down</source>
        <translation>Bajar la capa seleccionada</translation>
    </message>
    <message>
        <source>Move layer down</source>
        <translation>Bajar capa</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
</context>
<context>
    <name>lodestone::MainWindow</name>
    <message>
        <source>Lodestone</source>
        <translation>Lodestone</translation>
    </message>
    <message>
        <source>&amp;Open Survey…</source>
        <translation>&amp;Abrir levantamiento…</translation>
    </message>
    <message>
        <source>Open a magnetic survey grid in any raster format GDAL reads</source>
        <translation>Abrir la malla de un levantamiento magnético en cualquier formato ráster que lea GDAL</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Pan</source>
        <translation>&amp;Desplazar</translation>
    </message>
    <message>
        <source>Drag the map with the left mouse button (the middle button pans with any tool)</source>
        <translation>Arrastrar el mapa con el botón izquierdo del ratón (el botón central desplaza con cualquier herramienta)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <source>Zoom to &amp;Full Extent</source>
        <translation>Zoom a la &amp;extensión completa</translation>
    </message>
    <message>
        <source>Show the whole survey</source>
        <translation>Mostrar todo el levantamiento</translation>
    </message>
    <message>
        <source>&amp;About Lodestone</source>
        <translation>A&amp;cerca de Lodestone</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Acerca de &amp;Qt</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Capas</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Estilo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Paneles</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>Map Navigation</source>
        <translation>Navegación del mapa</translation>
    </message>
    <message>
        <source>Open Survey</source>
        <translation>Abrir levantamiento</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>%1 (band %2)</source>
        <translation>%1 (banda %2)</translation>
    </message>
    <message>
        <source>%1 — Lodestone</source>
        <translation>%1 — Lodestone</translation>
    </message>
    <message>
        <source>%1: %2 x %3 cells, %4</source>
        <translation>%1: %2 x %3 celdas, %4</translation>
    </message>
    <message>
        <source>Could not open %1.</source>
        <translation>No se pudo abrir %1.</translation>
    </message>
    <message>
        <source>Cannot Open Survey</source>
        <translation>No se puede abrir el levantamiento</translation>
    </message>
    <message>
        <source>About Lodestone</source>
        <translation>Acerca de Lodestone</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Lodestone %1&lt;/h3&gt;&lt;p&gt;Classifies magnetic survey grids into deposit and non-deposit ground from a handful of labelled pixels.&lt;/p&gt;&lt;p&gt;Built with Qt %2 and GDAL %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Lodestone %1&lt;/h3&gt;&lt;p&gt;Clasifica las mallas de levantamientos magnéticos en terreno con y sin depósito a partir de unos pocos píxeles etiquetados.&lt;/p&gt;&lt;p&gt;Compilado con Qt %2 y GDAL %3.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>lodestone::MapCanvas</name>
    <message>
        <source>Open a magnetic survey grid with File &gt; Open, or drop a raster file here.</source>
        <translation>Abra la malla de un levantamiento magnético con Archivo &gt; Abrir, o suelte aquí un archivo ráster.</translation>
    </message>
</context>
<context>
    <name>lodestone::RasterLayer</name>
    <message>
        <source>%1
Band %2, %3 x %4 cells
%5
Values %6 to %7 %8</source>
        <translation>%1
Banda %2, %3 x %4 celdas
%5
Valores de %6 a %7 %8</translation>
    </message>
</context>
<context>
    <name>lodestone::RecentFilesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>&amp;Vaciar el menú</translation>
    </message>
</context>
<context>
    <name>lodestone::StylePanel</name>
    <message>
        <source>Open a survey to style it.</source>
        <translation>Abra un levantamiento para darle estilo.</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Values below this percentile get the first colour</source>
        <translation>Los valores por debajo de este percentil reciben el primer color</translation>
    </message>
    <message>
        <source>Values above this percentile get the last colour</source>
        <translation>Los valores por encima de este percentil reciben el último color</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Units of the values, shown in the legend and the status bar</source>
        <translation>Unidades de los valores, mostradas en la leyenda y en la barra de estado</translation>
    </message>
    <message>
        <source>Sun shading</source>
        <translation>Sombreado solar</translation>
    </message>
    <message>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <source>Direction the light comes from, in degrees clockwise from north (315 = north-west)</source>
        <translation>Dirección de la que llega la luz, en grados en sentido horario desde el norte (315 = noroeste)</translation>
    </message>
    <message>
        <source>Height of the sun above the horizon, in degrees</source>
        <translation>Altura del sol sobre el horizonte, en grados</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Azimuth</source>
        <translation>Azimut</translation>
    </message>
    <message>
        <source>Altitude</source>
        <translation>Altitud</translation>
    </message>
    <message>
        <source>Z factor</source>
        <translation>Factor Z</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>Intensidad</translation>
    </message>
    <message>
        <source>Blend</source>
        <translation>Mezcla</translation>
    </message>
    <message>
        <source>Reset to Defaults</source>
        <translation>Restablecer valores predeterminados</translation>
    </message>
    <message>
        <source>Colour ramp</source>
        <translation>Rampa de color</translation>
    </message>
    <message>
        <source>Stretch</source>
        <translation>Estiramiento</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>Corte</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>Leyenda</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Vertical exaggeration of the values against map units. Automatic uses %1 for this survey.</source>
        <translation>Exageración vertical de los valores respecto a las unidades del mapa. Automático usa %1 para este levantamiento.</translation>
    </message>
    <message>
        <source>Smooth when zoomed in</source>
        <translation>Suavizar al acercar</translation>
    </message>
    <message>
        <source>Interpolate between cells when zoomed in; clear to see each grid cell as a square</source>
        <translation>Interpolar entre celdas al acercar; desactívelo para ver cada celda de la malla como un cuadrado</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Classifies magnetic survey grids into deposit and non-deposit ground.</source>
        <translation>Clasifica las mallas de levantamientos magnéticos en terreno con y sin depósito.</translation>
    </message>
    <message>
        <source>Band of FILE to open (1-based).</source>
        <translation>Banda de FILE que se abrirá (empezando en 1).</translation>
    </message>
    <message>
        <source>band</source>
        <translation>banda</translation>
    </message>
    <message>
        <source>Survey raster to open (any format GDAL reads).</source>
        <translation>Ráster del levantamiento que se abrirá (cualquier formato que lea GDAL).</translation>
    </message>
</context>
</TS>
