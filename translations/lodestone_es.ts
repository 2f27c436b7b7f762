<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>BackgroundJob</name>
    <message>
        <source>There is not enough memory for this job.</source>
        <translation>No hay memoria suficiente para este trabajo.</translation>
    </message>
</context>
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
    <message>
        <source>Magma (perceptually uniform)</source>
        <translation>Magma (perceptualmente uniforme)</translation>
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
    <name>LineImport</name>
    <message>
        <source>°</source>
        <translation>°</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>About a quarter of the line spacing: the flight lines are %1%2 apart (median) and a reading is taken every %3%2 along them.</source>
        <translation>Aproximadamente un cuarto de la separación entre líneas: las líneas de vuelo están a %1%2 (mediana) y se toma una lectura cada %3%2 a lo largo de ellas.</translation>
    </message>
    <message>
        <source>No regular flight lines were found: about the mean distance between readings, %1%2.</source>
        <translation>No se encontraron líneas de vuelo regulares: aproximadamente la distancia media entre lecturas, %1%2.</translation>
    </message>
</context>
<context>
    <name>MapComposer</name>
    <message>
        <source>Deposit probability</source>
        <translation>Probabilidad de depósito</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>umbral %1</translation>
    </message>
    <message>
        <source>grey below the threshold</source>
        <translation>gris por debajo del umbral</translation>
    </message>
    <message>
        <source>not drawn below the threshold</source>
        <translation>sin dibujar por debajo del umbral</translation>
    </message>
    <message>
        <source>Class (deposit where probability ≥ %1)</source>
        <translation>Clase (depósito donde la probabilidad ≥ %1)</translation>
    </message>
    <message>
        <source>deposit</source>
        <translation>depósito</translation>
    </message>
    <message>
        <source>non-deposit</source>
        <translation>sin depósito</translation>
    </message>
    <message>
        <source>Uncertainty (standard deviation of the ensemble)</source>
        <translation>Incertidumbre (desviación estándar del conjunto)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>sun-shaded</source>
        <translation>con sombreado solar</translation>
    </message>
    <message>
        <source>deposit label (%1 cells)</source>
        <translation>etiqueta de depósito (%1 celdas)</translation>
    </message>
    <message>
        <source>non-deposit label (%1 cells)</source>
        <translation>etiqueta sin depósito (%1 celdas)</translation>
    </message>
    <message numerus="yes">
        <source>%n occurrence(s)</source>
        <translation>
            <numerusform>%n ocurrencia</numerusform>
            <numerusform>%n ocurrencias</numerusform>
        </translation>
    </message>
    <message>
        <source>CRS: unknown (the grid has no coordinate reference system)</source>
        <translation>SRC: desconocido (la malla no tiene sistema de referencia de coordenadas)</translation>
    </message>
    <message>
        <source>CRS: %1</source>
        <translation>SRC: %1</translation>
    </message>
    <message>
        <source>CRS: %1 (%2)</source>
        <translation>SRC: %1 (%2)</translation>
    </message>
    <message>
        <source>Scale %1 at %2 × %3 mm</source>
        <translation>Escala %1 a %2 × %3 mm</translation>
    </message>
    <message>
        <source>; true along latitude %1°</source>
        <translation>; exacta a lo largo de la latitud %1°</translation>
    </message>
    <message>
        <source>No scale: the grid has no coordinate reference system</source>
        <translation>Sin escala: la malla no tiene sistema de referencia de coordenadas</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Datos: %1</translation>
    </message>
    <message>
        <source>Lodestone %1, %2</source>
        <translation>Lodestone %1, %2</translation>
    </message>
    <message>
        <source>There is no map to export: no part of the survey is in view.</source>
        <translation>No hay mapa que exportar: ninguna parte del levantamiento está a la vista.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Map of %1</source>
        <translation>Mapa de %1</translation>
    </message>
    <message>
        <source>Cannot write %1: the PDF could not be started.</source>
        <translation>No se puede escribir %1: no se pudo iniciar el PDF.</translation>
    </message>
</context>
<context>
    <name>MapDecorations</name>
    <message>
        <source>N</source>
        <comment>north arrow</comment>
        <translation>N</translation>
    </message>
</context>
<context>
    <name>MapScale</name>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
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
    <name>lodestone::ClassMapLayer</name>
    <message>
        <source>%1
Deposit (red): %2 % of valid ground
Non-deposit (blue): %3 %</source>
        <translation>%1
Depósito (rojo): %2 % del terreno válido
Sin depósito (azul): %3 %</translation>
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
    <name>lodestone::CrossValidationPlot</name>
    <message>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitud</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Sensibilidad</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Cross-validated scores of each way of feeding the feature rasters to the classifier: held-out labelled pixels, pooled over the folds</source>
        <translation>Puntuaciones de validación cruzada de cada forma de dar los ráster de características al clasificador: píxeles etiquetados reservados, sumados sobre los pliegues</translation>
    </message>
</context>
<context>
    <name>lodestone::CrossValidationView</name>
    <message>
        <source>Train to see how well each mode predicts labelled pixels it was not trained on.</source>
        <translation>Entrene para ver qué tan bien predice cada modo los píxeles etiquetados con los que no se entrenó.</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Exactitud</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Precisión</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Sensibilidad</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Reference non-deposit</source>
        <translation>Referencia sin depósito</translation>
    </message>
    <message>
        <source>Reference deposit</source>
        <translation>Referencia depósito</translation>
    </message>
    <message>
        <source>Rows: what the labels say; columns: what the SVM predicted for them when they were held out</source>
        <translation>Filas: lo que dicen las etiquetas; columnas: lo que predijo la SVM para ellas cuando estaban reservadas</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Advertencias</translation>
    </message>
    <message>
        <source>%1: the mode used for the map</source>
        <translation>%1: el modo usado para el mapa</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>Advertencias (%1)</translation>
    </message>
    <message>
        <source>Predicted
non-deposit</source>
        <translation>Predicho
sin depósito</translation>
    </message>
    <message>
        <source>Predicted
deposit</source>
        <translation>Predicho
depósito</translation>
    </message>
    <message>
        <source>C chosen most often over the folds: %1</source>
        <translation>C elegido con más frecuencia en los pliegues: %1</translation>
    </message>
    <message>
        <source>Gamma chosen most often over the folds: %1</source>
        <translation>Gamma elegido con más frecuencia en los pliegues: %1</translation>
    </message>
    <message>
        <source>Fold spread</source>
        <translation>Dispersión por pliegue</translation>
    </message>
    <message>
        <source>● map</source>
        <translation>● mapa</translation>
    </message>
    <message>
        <source>Accuracy of the single folds: %1 ± %2 (mean ± standard deviation)</source>
        <translation>Exactitud de cada pliegue: %1 ± %2 (media ± desviación estándar)</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>Sin advertencias.</translation>
    </message>
    <message>
        <source>AUC</source>
        <translation>AUC</translation>
    </message>
    <message>
        <source>Scores of each mode on held-out labelled pixels, pooled over spatial folds: nearby pixels are held out together and training pixels within the patch size of a test pixel are left out (deposit is the positive class). Click a column to see its confusion matrix.</source>
        <translation>Puntuaciones de cada modo sobre píxeles etiquetados reservados, sumadas sobre pliegues espaciales: los píxeles cercanos se reservan juntos y se descartan los píxeles de entrenamiento a menos de un tamaño de parche de un píxel de prueba (depósito es la clase positiva). Haga clic en una columna para ver su matriz de confusión.</translation>
    </message>
    <message>
        <source>Scores of each mode on held-out labelled pixels, pooled over random folds, the paper&apos;s scheme (deposit is the positive class). Click a column to see its confusion matrix.</source>
        <translation>Puntuaciones de cada modo sobre píxeles etiquetados reservados, sumadas sobre pliegues aleatorios, el esquema del artículo (depósito es la clase positiva). Haga clic en una columna para ver su matriz de confusión.</translation>
    </message>
    <message>
        <source>The spatial folds are the headline: labelled pixels closer than the patch size are held out together and training pixels near a test pixel are left out, so that neighbours cannot vouch for each other. Random folds (the paper&apos;s scheme) allow that and usually score higher.</source>
        <translation>Los pliegues espaciales son la cifra principal: los píxeles etiquetados a menos de un tamaño de parche se reservan juntos y se descartan los píxeles de entrenamiento cercanos a un píxel de prueba, para que los vecinos no respondan unos por otros. Los pliegues aleatorios (el esquema del artículo) lo permiten y suelen puntuar más alto.</translation>
    </message>
    <message>
        <source>Random folds only: this result has no spatial cross-validation.</source>
        <translation>Solo pliegues aleatorios: este resultado no tiene validación cruzada espacial.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spatial folds&lt;/b&gt; (headline)</source>
        <translation>&lt;b&gt;Pliegues espaciales&lt;/b&gt; (cifra principal)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Random folds&lt;/b&gt; (the paper&apos;s)</source>
        <translation>&lt;b&gt;Pliegues aleatorios&lt;/b&gt; (los del artículo)</translation>
    </message>
    <message>
        <source>Area under the ROC curve of the held-out decision values: the chance that a held-out deposit scores above a held-out non-deposit</source>
        <translation>Área bajo la curva ROC de los valores de decisión reservados: la probabilidad de que un depósito reservado puntúe por encima de un no depósito reservado</translation>
    </message>
    <message>
        <source>%1 positions tested in %2 folds</source>
        <translation>%1 posiciones probadas en %2 pliegues</translation>
    </message>
    <message>
        <source>Folds drawn over %1 groups of positions</source>
        <translation>Pliegues formados sobre %1 grupos de posiciones</translation>
    </message>
    <message>
        <source>Confusion matrix of %1, spatial folds (%2 positions)</source>
        <translation>Matriz de confusión de %1, pliegues espaciales (%2 posiciones)</translation>
    </message>
    <message>
        <source>Confusion matrix of %1, random folds (%2 positions)</source>
        <translation>Matriz de confusión de %1, pliegues aleatorios (%2 posiciones)</translation>
    </message>
    <message>
        <source>Scores of the spatial folds</source>
        <translation>Puntuaciones de los pliegues espaciales</translation>
    </message>
    <message>
        <source>Scores of the random folds</source>
        <translation>Puntuaciones de los pliegues aleatorios</translation>
    </message>
    <message>
        <source>No spatial fold could be tested: each one&apos;s buffer left a class without training pixels. Label more positions, further apart, for a spatial cross-validation.</source>
        <translation>No se pudo probar ningún pliegue espacial: el margen de cada uno dejó una clase sin píxeles de entrenamiento. Etiquete más posiciones, más separadas, para una validación cruzada espacial.</translation>
    </message>
    <message>
        <source>No spatial fold could be tested: each one&apos;s buffer left a class without training pixels. The random folds are the headline here; label more positions, further apart, for a spatial cross-validation.</source>
        <translation>No se pudo probar ningún pliegue espacial: el margen de cada uno dejó una clase sin píxeles de entrenamiento. Aquí los pliegues aleatorios son la cifra principal; etiquete más posiciones, más separadas, para una validación cruzada espacial.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Spatial folds&lt;/b&gt;</source>
        <translation>&lt;b&gt;Pliegues espaciales&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1: %2 groups of positions</source>
        <translation>%1: %2 grupos de posiciones</translation>
    </message>
    <message>
        <source>&lt;b&gt;Random folds&lt;/b&gt; (the paper&apos;s; headline)</source>
        <translation>&lt;b&gt;Pliegues aleatorios&lt;/b&gt; (los del artículo; cifra principal)</translation>
    </message>
    <message>
        <source>No fold was tested</source>
        <translation>No se probó ningún pliegue</translation>
    </message>
    <message>
        <source>The folds test a sample of %1 of the %2 labelled positions, %3 of each class, drawn with the run&apos;s seed; the map&apos;s classifier is trained on every label.</source>
        <translation>Los pliegues prueban una muestra de %1 de las %2 posiciones etiquetadas, %3 de cada clase, extraída con la semilla de la ejecución; el clasificador del mapa se entrena con todas las etiquetas.</translation>
    </message>
    <message>
        <source>Positions (folds)</source>
        <translation>Posiciones (pliegues)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
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
    <message>
        <source>deposit</source>
        <translation>depósito</translation>
    </message>
    <message>
        <source>non-deposit</source>
        <translation>sin depósito</translation>
    </message>
    <message>
        <source>probability %1</source>
        <translation>probabilidad %1</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>clase %1</translation>
    </message>
    <message>
        <source>label %1</source>
        <translation>etiqueta %1</translation>
    </message>
    <message>
        <source>%1 | %2</source>
        <translation>%1 | %2</translation>
    </message>
    <message>
        <source>%1 no data</source>
        <translation>%1 sin datos</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>probability %1 (sd %2)</source>
        <translation>probabilidad %1 (de %2)</translation>
    </message>
</context>
<context>
    <name>lodestone::EvaluationView</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>The headline: AUC of the map against the best magnetic product that needs no labels, at the validation occurrences when you gave some, else at held-out groups of the training deposits</source>
        <translation>La cifra principal: AUC del mapa frente al mejor producto magnético que no necesita etiquetas, en las ocurrencias de validación si las dio, si no en grupos reservados de los depósitos de entrenamiento</translation>
    </message>
    <message>
        <source>Prediction rate: validation occurrences the run never saw. Held-out groups: each training deposit ranked by a model trained without its group. Success rate: the training deposits ranked by the map trained on them (optimistic).</source>
        <translation>Tasa de predicción: ocurrencias de validación que la ejecución nunca vio. Grupos reservados: cada depósito de entrenamiento ordenado por un modelo entrenado sin su grupo. Tasa de éxito: los depósitos de entrenamiento ordenados por el mapa entrenado con ellos (optimista).</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Curvas</translation>
    </message>
    <message>
        <source>AUC of the map and of the zero-label baselines</source>
        <translation>AUC del mapa y de las referencias sin etiquetas</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Success
AUC</source>
        <translation>AUC
éxito</translation>
    </message>
    <message>
        <source>Held-out
AUC</source>
        <translation>AUC
reservados</translation>
    </message>
    <message>
        <source>Prediction
AUC</source>
        <translation>AUC
predicción</translation>
    </message>
    <message>
        <source>Area under each rate curve: the mean share of the valid area scoring below a deposit&apos;s pixel (ties count half). 0.5 is a random map, 1 a perfect one.</source>
        <translation>Área bajo cada curva de tasa: la fracción media del área válida que puntúa por debajo del píxel de un depósito (los empates cuentan la mitad). 0,5 es un mapa aleatorio, 1 uno perfecto.</translation>
    </message>
    <message>
        <source>Top %1 %</source>
        <translation>Mejor %1 %</translation>
    </message>
    <message>
        <source>Share of the deposits whose pixel lies in the highest-scoring part of the valid area of each map: what a field programme following that map would find in that much ground</source>
        <translation>Fracción de los depósitos cuyo píxel cae en la parte del área válida con la puntuación más alta de cada mapa: lo que encontraría en ese terreno una campaña de campo que siguiera el mapa</translation>
    </message>
    <message>
        <source>Train to see how the map ranks known deposits against magnetic products of the survey that need no labels.</source>
        <translation>Entrene para ver cómo ordena el mapa los depósitos conocidos frente a productos magnéticos del levantamiento que no necesitan etiquetas.</translation>
    </message>
    <message>
        <source>This result holds no evaluation against deposits: it was made by an earlier version of Lodestone, or read from a folder without one. Train again to evaluate the map.</source>
        <translation>Este resultado no contiene una evaluación frente a depósitos: lo hizo una versión anterior de Lodestone o se leyó de una carpeta sin ella. Vuelva a entrenar para evaluar el mapa.</translation>
    </message>
    <message>
        <source>AUC: the mean over deposits of the share of the valid area scoring below the deposit&apos;s pixel (ties count half); 0.5 is a random map. Baselines use no labels, so their held-out AUC is their success AUC. Labelled positions closer than %1 pixels form one group; %2 groups hold deposits.</source>
        <translation>AUC: la media sobre los depósitos de la fracción del área válida que puntúa por debajo del píxel del depósito (los empates cuentan la mitad); 0,5 es un mapa aleatorio. Las referencias no usan etiquetas, así que su AUC de reservados es su AUC de éxito. Las posiciones etiquetadas a menos de %1 píxeles forman un grupo; %2 grupos contienen depósitos.</translation>
    </message>
    <message>
        <source>Prediction-rate AUC of the map at %1 validation occurrences: %2.</source>
        <translation>AUC de la tasa de predicción del mapa en %1 ocurrencias de validación: %2.</translation>
    </message>
    <message>
        <source>Held-out AUC of the map: %1.</source>
        <translation>AUC de reservados del mapa: %1.</translation>
    </message>
    <message>
        <source>the %1 validation occurrences</source>
        <translation>las %1 ocurrencias de validación</translation>
    </message>
    <message>
        <source>held-out deposits</source>
        <translation>los depósitos reservados</translation>
    </message>
    <message>
        <source>The map ranks %1 above the best zero-label baseline (%2) by %3.</source>
        <translation>El mapa ordena %1 por encima de la mejor referencia sin etiquetas (%2) por %3.</translation>
    </message>
    <message>
        <source>The map ranks %1 below the best zero-label baseline (%2) by %3.</source>
        <translation>El mapa ordena %1 por debajo de la mejor referencia sin etiquetas (%2) por %3.</translation>
    </message>
    <message>
        <source>Prediction-rate AUC %1 against %2.</source>
        <translation>AUC de la tasa de predicción: %1 frente a %2.</translation>
    </message>
    <message>
        <source>Held-out AUC %1 against %2 (%3 folds of deposit groups, each ranked by a model trained without it).</source>
        <translation>AUC de reservados: %1 frente a %2 (%3 pliegues de grupos de depósitos, cada uno ordenado por un modelo entrenado sin él).</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modelo</translation>
    </message>
    <message>
        <source>no labels</source>
        <translation>sin etiquetas</translation>
    </message>
    <message>
        <source>%1: the best zero-label baseline by the headline AUC</source>
        <translation>%1: la mejor referencia sin etiquetas según el AUC principal</translation>
    </message>
    <message>
        <source>AUC of the map and of the zero-label baselines; the headline is the prediction rate at %1 validation occurrences.</source>
        <translation>AUC del mapa y de las referencias sin etiquetas; la cifra principal es la tasa de predicción en %1 ocurrencias de validación.</translation>
    </message>
    <message>
        <source>AUC of the map and of the zero-label baselines; the headline is the held-out AUC (no validation occurrences were given).</source>
        <translation>AUC del mapa y de las referencias sin etiquetas; la cifra principal es el AUC de reservados (no se dieron ocurrencias de validación).</translation>
    </message>
    <message>
        <source>Share of the %1 validation occurrences in the top of each map&apos;s area</source>
        <translation>Fracción de las %1 ocurrencias de validación en la parte más alta del área de cada mapa</translation>
    </message>
    <message>
        <source>Share of the %1 held-out training deposits in the top of each map&apos;s area</source>
        <translation>Fracción de los %1 depósitos de entrenamiento reservados en la parte más alta del área de cada mapa</translation>
    </message>
    <message>
        <source>Share of the %1 training deposits in the top of each map&apos;s area</source>
        <translation>Fracción de los %1 depósitos de entrenamiento en la parte más alta del área de cada mapa</translation>
    </message>
    <message>
        <source>The map ranks %1 level with the best zero-label baseline (%2): the difference, %3, is smaller than one run&apos;s spread between seeds (about %4).</source>
        <translation>El mapa ordena %1 al nivel de la mejor referencia sin etiquetas (%2): la diferencia, %3, es menor que la dispersión de una ejecución entre semillas (unos %4).</translation>
    </message>
</context>
<context>
    <name>lodestone::FeatureBrowser</name>
    <message>
        <source>Feature rasters: the activations of the autoencoder&apos;s filters over the survey. Click one to show it on the map.</source>
        <translation>Ráster de características: las activaciones de los filtros del autocodificador sobre el levantamiento. Haga clic en uno para mostrarlo en el mapa.</translation>
    </message>
    <message>
        <source>Train to see the feature rasters the autoencoder has learned.</source>
        <translation>Entrene para ver los ráster de características que ha aprendido el autocodificador.</translation>
    </message>
    <message>
        <source>%1: feature raster %2 of %3</source>
        <translation>%1: ráster de características %2 de %3</translation>
    </message>
    <message>
        <source>%1: constant %2 everywhere; this filter carries no information for the SVM</source>
        <translation>%1: constante %2 en todas partes; este filtro no aporta información a la SVM</translation>
    </message>
    <message>
        <source>Feature rasters: %1. Click one to show it on the map.</source>
        <translation>Ráster de características: %1. Haga clic en uno para mostrarlo en el mapa.</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>constante</translation>
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
    <name>lodestone::JobIndicator</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop this job; nothing is added or written</source>
        <translation>Detener este trabajo; no se añade ni se escribe nada</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Cancelando…</translation>
    </message>
</context>
<context>
    <name>lodestone::LabelEditor</name>
    <message>
        <source>&amp;Paint Labels</source>
        <translation>&amp;Pintar etiquetas</translation>
    </message>
    <message>
        <source>Paint labels on the survey with the left mouse button; Space or the middle button pans</source>
        <translation>Pintar etiquetas sobre el levantamiento con el botón izquierdo del ratón; Espacio o el botón central desplazan el mapa</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>&amp;Deposit</source>
        <translation>&amp;Depósito</translation>
    </message>
    <message>
        <source>&amp;Non-deposit</source>
        <translation>&amp;Sin depósito</translation>
    </message>
    <message>
        <source>&amp;Eraser</source>
        <translation>&amp;Borrador</translation>
    </message>
    <message>
        <source>S&amp;maller Brush</source>
        <translation>Pincel más pe&amp;queño</translation>
    </message>
    <message>
        <source>&amp;Larger Brush</source>
        <translation>Pincel más &amp;grande</translation>
    </message>
</context>
<context>
    <name>lodestone::LabelFiles</name>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Falló el guardado automático: %1</translation>
    </message>
    <message>
        <source>Open &amp;Labels…</source>
        <translation>Abrir &amp;etiquetas…</translation>
    </message>
    <message>
        <source>Open a label raster on the survey&apos;s grid: 0 non-deposit, 1 deposit, 2 unknown</source>
        <translation>Abrir un ráster de etiquetas en la malla del levantamiento: 0 sin depósito, 1 depósito, 2 desconocido</translation>
    </message>
    <message>
        <source>&amp;Save Labels</source>
        <translation>Guardar e&amp;tiquetas</translation>
    </message>
    <message>
        <source>Save the labels as a GeoTIFF on the survey&apos;s grid</source>
        <translation>Guardar las etiquetas como GeoTIFF en la malla del levantamiento</translation>
    </message>
    <message>
        <source>Save Labels &amp;As…</source>
        <translation>Guardar etiquetas &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Import Occurrences…</source>
        <translation>&amp;Importar ocurrencias…</translation>
    </message>
    <message>
        <source>Label known occurrences (CSV, Shapefile, GeoPackage, GeoJSON) as deposit and add random non-deposit pixels</source>
        <translation>Etiquetar ocurrencias conocidas (CSV, Shapefile, GeoPackage, GeoJSON) como depósito y añadir píxeles sin depósito al azar</translation>
    </message>
    <message>
        <source>Cannot Open Labels</source>
        <translation>No se pueden abrir las etiquetas</translation>
    </message>
    <message>
        <source>Labels from %1: %2 deposit and %3 non-deposit pixels.</source>
        <translation>Etiquetas de %1: %2 píxeles de depósito y %3 sin depósito.</translation>
    </message>
    <message>
        <source>Labels Opened with Warnings</source>
        <translation>Etiquetas abiertas con advertencias</translation>
    </message>
    <message>
        <source>Cannot Save Labels</source>
        <translation>No se pueden guardar las etiquetas</translation>
    </message>
    <message>
        <source>Labels saved to %1.</source>
        <translation>Etiquetas guardadas en %1.</translation>
    </message>
    <message>
        <source>Open Labels</source>
        <translation>Abrir etiquetas</translation>
    </message>
    <message>
        <source>Save Labels</source>
        <translation>Guardar etiquetas</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>Cannot Import Occurrences</source>
        <translation>No se pueden importar las ocurrencias</translation>
    </message>
    <message>
        <source>%1: %2 points, %3 new deposit pixels, %4 new non-deposit pixels.</source>
        <translation>%1: %2 puntos, %3 píxeles de depósito nuevos, %4 píxeles sin depósito nuevos.</translation>
    </message>
    <message>
        <source>Import occurrences</source>
        <translation>Importar ocurrencias</translation>
    </message>
    <message>
        <source>Occurrences Imported with Warnings</source>
        <translation>Ocurrencias importadas con advertencias</translation>
    </message>
    <message>
        <source>the labels of %1</source>
        <translation>las etiquetas de %1</translation>
    </message>
    <message>
        <source>Unsaved Labels</source>
        <translation>Etiquetas sin guardar</translation>
    </message>
    <message>
        <source>There are unsaved changes to %1. Save them before they are lost?</source>
        <translation>Hay cambios sin guardar en %1. ¿Guardarlos antes de que se pierdan?</translation>
    </message>
    <message>
        <source>Restore Labels</source>
        <translation>Recuperar etiquetas</translation>
    </message>
    <message>
        <source>Labels of %1 were autosaved on %2 and not saved since. Restore them? (No deletes the autosave.)</source>
        <translation>Las etiquetas de %1 se guardaron automáticamente el %2 y no se han guardado desde entonces. ¿Recuperarlas? (No borra el guardado automático).</translation>
    </message>
    <message>
        <source>Cannot Restore Labels</source>
        <translation>No se pueden recuperar las etiquetas</translation>
    </message>
    <message>
        <source>Labels restored from the autosave.</source>
        <translation>Etiquetas recuperadas del guardado automático.</translation>
    </message>
    <message>
        <source>One of the random non-deposit pixels was labelled non-deposit already.</source>
        <translation>Uno de los píxeles aleatorios de no depósito ya estaba etiquetado como no depósito.</translation>
    </message>
    <message>
        <source>%1 of the random non-deposit pixels were labelled non-deposit already.</source>
        <translation>%1 de los píxeles aleatorios de no depósito ya estaban etiquetados como no depósito.</translation>
    </message>
    <message>
        <source>One of the occurrences&apos; pixels was labelled deposit already.</source>
        <translation>Uno de los píxeles de los indicios ya estaba etiquetado como depósito.</translation>
    </message>
    <message>
        <source>%1 of the occurrences&apos; pixels were labelled deposit already.</source>
        <translation>%1 de los píxeles de los indicios ya estaban etiquetados como depósito.</translation>
    </message>
</context>
<context>
    <name>lodestone::LabelLayer</name>
    <message>
        <source>%1: %2 deposit and %3 non-deposit pixels</source>
        <translation>%1: %2 píxeles de depósito y %3 sin depósito</translation>
    </message>
</context>
<context>
    <name>lodestone::LabelPaintController</name>
    <message>
        <source>Paint deposit</source>
        <translation>Pintar depósito</translation>
    </message>
    <message>
        <source>Paint non-deposit</source>
        <translation>Pintar sin depósito</translation>
    </message>
    <message>
        <source>Erase labels</source>
        <translation>Borrar etiquetas</translation>
    </message>
</context>
<context>
    <name>lodestone::LabelsPanel</name>
    <message>
        <source>Deposit</source>
        <translation>Depósito</translation>
    </message>
    <message>
        <source>Paint deposit pixels (1)</source>
        <translation>Pintar píxeles de depósito (1)</translation>
    </message>
    <message>
        <source>Non-deposit</source>
        <translation>Sin depósito</translation>
    </message>
    <message>
        <source>Paint non-deposit pixels (2)</source>
        <translation>Pintar píxeles sin depósito (2)</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Erase labels: the pixels become unknown (3)</source>
        <translation>Borrar etiquetas: los píxeles pasan a desconocidos (3)</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Brush diameter in survey pixels ([ and ] on the map)</source>
        <translation>Diámetro del pincel en píxeles del levantamiento ([ y ] sobre el mapa)</translation>
    </message>
    <message>
        <source>Brush size:</source>
        <translation>Tamaño del pincel:</translation>
    </message>
    <message>
        <source>Deposit pixels</source>
        <translation>Píxeles de depósito</translation>
    </message>
    <message>
        <source>Non-deposit pixels</source>
        <translation>Píxeles sin depósito</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Etiquetados</translation>
    </message>
    <message>
        <source>Left-drag paints. Middle-drag or Space + drag pans; the wheel zooms. Nodata pixels are never labelled.</source>
        <translation>Arrastrar con el botón izquierdo pinta. Arrastrar con el botón central o con Espacio desplaza; la rueda acerca y aleja. Los píxeles sin datos nunca se etiquetan.</translation>
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
    <name>lodestone::LineImportController</name>
    <message>
        <source>Import &amp;Line Data…</source>
        <translation>Importar datos de &amp;líneas…</translation>
    </message>
    <message>
        <source>Grid airborne line data (CSV, compressed CSV or points) into a survey grid by minimum curvature (GMT surface)</source>
        <translation>Interpolar datos aéreos de líneas (CSV, CSV comprimido o puntos) en una malla de levantamiento por mínima curvatura (surface de GMT)</translation>
    </message>
    <message>
        <source>Import Line Data</source>
        <translation>Importar datos de líneas</translation>
    </message>
    <message>
        <source>Gridding was canceled; nothing was written.</source>
        <translation>Se canceló la interpolación; no se escribió nada.</translation>
    </message>
    <message>
        <source>Cannot Grid the Line Data</source>
        <translation>No se pueden interpolar los datos de líneas</translation>
    </message>
    <message>
        <source>Line data (*.csv *.txt *.tsv *.xyz *.dat *.gz *.xz *.shp *.gpkg *.geojson);;All files (*)</source>
        <translation>Datos de líneas (*.csv *.txt *.tsv *.xyz *.dat *.gz *.xz *.shp *.gpkg *.geojson);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>Reprojecting the readings…</source>
        <translation>Reproyectando las lecturas…</translation>
    </message>
    <message>
        <source>One reading per cell (block median)…</source>
        <translation>Una lectura por celda (mediana por bloques)…</translation>
    </message>
    <message>
        <source>Minimum curvature (GMT surface): about 10 s for a million readings…</source>
        <translation>Mínima curvatura (surface de GMT): unos 10 s por millón de lecturas…</translation>
    </message>
    <message>
        <source>Blanking cells far from the readings…</source>
        <translation>Vaciando las celdas alejadas de las lecturas…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Cannot Import Line Data</source>
        <translation>No se pueden importar los datos de líneas</translation>
    </message>
    <message>
        <source>Gridded %1 readings onto %2 x %3 cells in %4 s; written to %5.</source>
        <translation>Se interpolaron %1 lecturas en %2 x %3 celdas en %4 s; escrito en %5.</translation>
    </message>
    <message>
        <source>%1 cross lines (%2 readings) were left out.</source>
        <translation>Se omitieron %1 líneas transversales (%2 lecturas).</translation>
    </message>
    <message>
        <source>Line Data Gridded with Warnings</source>
        <translation>Datos de líneas interpolados con advertencias</translation>
    </message>
    <message>
        <source>%1, gridded from %2</source>
        <translation>%1, interpolado a partir de %2</translation>
    </message>
    <message>
        <source>Canceling… (GMT&apos;s surface finishes its current call first)</source>
        <translation>Cancelando… (surface de GMT termina antes su llamada en curso)</translation>
    </message>
</context>
<context>
    <name>lodestone::LineImportDialog</name>
    <message>
        <source>Import Line Data</source>
        <translation>Importar datos de líneas</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: the first rows</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: las primeras filas</translation>
    </message>
    <message>
        <source>e.g. EPSG:4326 for longitude/latitude; empty: unknown</source>
        <translation>p. ej. EPSG:4326 para longitud/latitud; vacío: desconocido</translation>
    </message>
    <message>
        <source>a projected CRS in metres, e.g. EPSG:32754</source>
        <translation>un SRC proyectado en metros, p. ej. EPSG:32754</translation>
    </message>
    <message>
        <source>Leave out the lines &amp;crossing the flight lines</source>
        <translation>Omitir las líneas que &amp;cruzan las líneas de vuelo</translation>
    </message>
    <message>
        <source>Tie lines: before tie-line levelling their readings differ from the flight lines&apos; where they cross, which shows as dotted lines along them in the grid</source>
        <translation>Líneas de control: antes de la nivelación sus lecturas difieren de las de las líneas de vuelo donde se cruzan, lo que aparece en la malla como líneas punteadas a lo largo de ellas</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>&amp;X (easting, longitude):</source>
        <translation>&amp;X (este, longitud):</translation>
    </message>
    <message>
        <source>&amp;Y (northing, latitude):</source>
        <translation>&amp;Y (norte, latitud):</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Valor:</translation>
    </message>
    <message>
        <source>&amp;Their CRS:</source>
        <translation>&amp;Su SRC:</translation>
    </message>
    <message>
        <source>A &amp;new grid, opened as the survey</source>
        <translation>Una malla &amp;nueva, abierta como levantamiento</translation>
    </message>
    <message>
        <source>On the open survey&apos;s &amp;cells, added as a layer</source>
        <translation>En las &amp;celdas del levantamiento abierto, añadida como capa</translation>
    </message>
    <message>
        <source>Grid onto exactly the cells and CRS of the open survey</source>
        <translation>Interpolar exactamente en las celdas y el SRC del levantamiento abierto</translation>
    </message>
    <message>
        <source>Open a georeferenced survey with a CRS to grid onto its cells</source>
        <translation>Abra un levantamiento georreferenciado con SRC para interpolar en sus celdas</translation>
    </message>
    <message>
        <source>Looking at the readings to suggest a cell size…</source>
        <translation>Examinando las lecturas para sugerir un tamaño de celda…</translation>
    </message>
    <message>
        <source>0: pure minimum curvature (may overshoot between lines); 1: harmonic (no extremum away from the data); 0.25 is GMT&apos;s advice for potential fields</source>
        <translation>0: mínima curvatura pura (puede sobrepasarse entre líneas); 1: armónica (sin extremos lejos de los datos); 0,25 es lo que aconseja GMT para campos potenciales</translation>
    </message>
    <message>
        <source>&amp;Blank cells farther than</source>
        <translation>&amp;Vaciar celdas a más de</translation>
    </message>
    <message>
        <source> cells</source>
        <translation> celdas</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>Malla</translation>
    </message>
    <message>
        <source>T&amp;arget CRS:</source>
        <translation>SRC de &amp;destino:</translation>
    </message>
    <message>
        <source>C&amp;ell size:</source>
        <translation>Tamaño de c&amp;elda:</translation>
    </message>
    <message>
        <source>&amp;Tension:</source>
        <translation>&amp;Tensión:</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>&amp;Write the grid to:</source>
        <translation>Escribir la &amp;malla en:</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>&amp;Interpolar</translation>
    </message>
    <message>
        <source>Choose the cell size: about a quarter of the line spacing.</source>
        <translation>Elija el tamaño de celda: aproximadamente un cuarto de la separación entre líneas.</translation>
    </message>
    <message>
        <source>(the points&apos; geometry)</source>
        <translation>(la geometría de los puntos)</translation>
    </message>
    <message>
        <source>the file&apos;s own: %1</source>
        <translation>el del archivo: %1</translation>
    </message>
    <message>
        <source>Choose the X, Y and value columns.</source>
        <translation>Elija las columnas de X, Y y valor.</translation>
    </message>
    <message>
        <source>Reading all the readings to suggest a CRS and a cell size…</source>
        <translation>Leyendo todas las lecturas para sugerir un SRC y un tamaño de celda…</translation>
    </message>
    <message>
        <source>%1 readings.</source>
        <translation>%1 lecturas.</translation>
    </message>
    <message>
        <source>%1 rows without numbers in these columns will be skipped.</source>
        <translation>Se omitirán %1 filas sin números en estas columnas.</translation>
    </message>
    <message>
        <source>Flight lines run at %1° from north (%2 segments); %3 lines cross them.</source>
        <translation>Las líneas de vuelo van a %1° del norte (%2 segmentos); %3 líneas las cruzan.</translation>
    </message>
    <message>
        <source>Leave out the %1 lines &amp;crossing the flight lines (%2 readings)</source>
        <translation>Omitir las %1 líneas que &amp;cruzan las líneas de vuelo (%2 lecturas)</translation>
    </message>
    <message>
        <source>The target CRS suggested is the UTM zone of the readings&apos; centre.</source>
        <translation>El SRC de destino sugerido es la zona UTM del centro de las lecturas.</translation>
    </message>
    <message>
        <source>Not a CRS that GDAL knows.</source>
        <translation>No es un SRC que GDAL conozca.</translation>
    </message>
    <message>
        <source>%1: in degrees; choose a projected CRS in metres.</source>
        <translation>%1: en grados; elija un SRC proyectado en metros.</translation>
    </message>
    <message>
        <source>= %1 map units</source>
        <translation>= %1 unidades del mapa</translation>
    </message>
    <message>
        <source>Write the Grid To</source>
        <translation>Escribir la malla en</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>Choose the column holding the values to grid.</source>
        <translation>Elija la columna con los valores que se van a interpolar.</translation>
    </message>
    <message>
        <source>Choose the columns holding X and Y.</source>
        <translation>Elija las columnas con X e Y.</translation>
    </message>
    <message>
        <source>The readings&apos; CRS: %1</source>
        <translation>El SRC de las lecturas: %1</translation>
    </message>
    <message>
        <source>The target CRS: %1</source>
        <translation>El SRC de destino: %1</translation>
    </message>
    <message>
        <source>The target CRS is in degrees; grid in a projected CRS in metres, e.g. the UTM zone of the survey.</source>
        <translation>El SRC de destino está en grados; interpole en un SRC proyectado en metros, p. ej. la zona UTM del levantamiento.</translation>
    </message>
    <message>
        <source>The readings are in longitude and latitude; choose a projected target CRS in metres, e.g. the UTM zone of the survey.</source>
        <translation>Las lecturas están en longitud y latitud; elija un SRC de destino proyectado en metros, p. ej. la zona UTM del levantamiento.</translation>
    </message>
    <message>
        <source>Choose where to write the grid.</source>
        <translation>Elija dónde escribir la malla.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La carpeta %1 no existe.</translation>
    </message>
    <message>
        <source>The grid cannot replace the line data it is made from.</source>
        <translation>La malla no puede sustituir a los datos de líneas a partir de los que se crea.</translation>
    </message>
    <message>
        <source>Cannot Grid</source>
        <translation>No se puede interpolar</translation>
    </message>
    <message>
        <source>Replace File?</source>
        <translation>¿Sustituir el archivo?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it?</source>
        <translation>%1 ya existe. ¿Sustituirlo?</translation>
    </message>
</context>
<context>
    <name>lodestone::LossPlot</name>
    <message>
        <source>Epoch</source>
        <translation>Época</translation>
    </message>
    <message>
        <source>Loss (MSE)</source>
        <translation>Pérdida (ECM)</translation>
    </message>
    <message>
        <source>How well the autoencoder reproduces the survey patches after each pass over them; a curve that has flattened means more epochs would change little</source>
        <translation>Qué tan bien reproduce el autocodificador los parches del levantamiento tras cada pasada; si la curva se ha aplanado, más épocas cambiarían poco</translation>
    </message>
    <message>
        <source>The loss of each epoch
appears here while training.</source>
        <translation>La pérdida de cada época
aparece aquí durante el entrenamiento.</translation>
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
    <message>
        <source>Labels</source>
        <translation>Etiquetas</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferencias…</translation>
    </message>
    <message>
        <source>The new language is used when Lodestone is next started.</source>
        <translation>El nuevo idioma se usará la próxima vez que se inicie Lodestone.</translation>
    </message>
    <message>
        <source>open %1</source>
        <translation>abrir %1</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>salir</translation>
    </message>
    <message>
        <source>; 1 cell holds an infinite value, read as nodata</source>
        <translation>; 1 celda contiene un valor infinito, leído como sin datos</translation>
    </message>
    <message>
        <source>; %1 cells hold an infinite value, read as nodata</source>
        <translation>; %1 celdas contienen un valor infinito, leídas como sin datos</translation>
    </message>
    <message>
        <source>%1 (geographic: cells in degrees)</source>
        <translation>%1 (geográfico: celdas en grados)</translation>
    </message>
    <message>
        <source>“%1” has no colour ramp to edit here: this panel styles the survey and the raster layers (feature rasters, magnetic products). Its opacity is set in the Layers panel; the probability map&apos;s threshold in the Results panel.</source>
        <translation>«%1» no tiene rampa de colores que editar aquí: este panel da estilo al levantamiento y a las capas ráster (rásteres de características, productos magnéticos). Su opacidad se ajusta en el panel Capas; el umbral del mapa de probabilidad, en el panel Resultados.</translation>
    </message>
    <message>
        <source>%1[*] — Lodestone</source>
        <translation>%1[*] — Lodestone</translation>
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
    <name>lodestone::OccurrenceImport</name>
    <message>
        <source>Occurrences (*.csv *.txt *.shp *.gpkg *.geojson *.json)</source>
        <translation>Ocurrencias (*.csv *.txt *.shp *.gpkg *.geojson *.json)</translation>
    </message>
    <message>
        <source>CSV with X/Y columns (*.csv *.txt)</source>
        <translation>CSV con columnas X/Y (*.csv *.txt)</translation>
    </message>
    <message>
        <source>Shapefile (*.shp)</source>
        <translation>Shapefile (*.shp)</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json)</source>
        <translation>GeoJSON (*.geojson *.json)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>lodestone::OccurrenceImportDialog</name>
    <message>
        <source>Import Occurrences</source>
        <translation>Importar ocurrencias</translation>
    </message>
    <message>
        <source>Known occurrences are labelled deposit on the pixels they fall on. Random non-deposit pixels can be added away from them.</source>
        <translation>Las ocurrencias conocidas se etiquetan como depósito en los píxeles donde caen. Se pueden añadir píxeles sin depósito al azar, lejos de ellas.</translation>
    </message>
    <message>
        <source>CSV with X/Y columns, Shapefile, GeoPackage or GeoJSON</source>
        <translation>CSV con columnas X/Y, Shapefile, GeoPackage o GeoJSON</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Archivo:</translation>
    </message>
    <message>
        <source>the survey&apos;s CRS</source>
        <translation>el SRC del levantamiento</translation>
    </message>
    <message>
        <source>CRS of the coordinates in a CSV file, e.g. EPSG:4326 for longitude and latitude</source>
        <translation>SRC de las coordenadas de un archivo CSV, p. ej. EPSG:4326 para longitud y latitud</translation>
    </message>
    <message>
        <source>&amp;CRS of the points:</source>
        <translation>&amp;SRC de los puntos:</translation>
    </message>
    <message>
        <source>&amp;Skip points outside the survey grid (otherwise the import stops)</source>
        <translation>&amp;Omitir los puntos fuera de la malla del levantamiento (si no, la importación se detiene)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Random &amp;non-deposit pixels:</source>
        <translation>Píxeles sin depósito al a&amp;zar:</translation>
    </message>
    <message>
        <source>Distance from every occurrence and deposit pixel, in the survey&apos;s map units</source>
        <translation>Distancia a cada ocurrencia y a cada píxel de depósito, en las unidades de mapa del levantamiento</translation>
    </message>
    <message>
        <source>&amp;Minimum distance (map units):</source>
        <translation>Distancia &amp;mínima (unidades de mapa):</translation>
    </message>
    <message>
        <source>The same seed draws the same pixels</source>
        <translation>La misma semilla elige los mismos píxeles</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;emilla:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>A CSV file has no CRS: give the one of its X/Y columns.</source>
        <translation>Un archivo CSV no tiene SRC: indique el de sus columnas X/Y.</translation>
    </message>
    <message>
        <source>This file&apos;s own CRS is used.</source>
        <translation>Se usa el SRC del propio archivo.</translation>
    </message>
    <message>
        <source>Distance from every occurrence and deposit pixel, in degrees: the survey is in geographic coordinates (0.01 degree of latitude is about 1.1 km)</source>
        <translation>Distancia a cada indicio y a cada píxel de depósito, en grados: el levantamiento está en coordenadas geográficas (0,01 grados de latitud son unos 1,1 km)</translation>
    </message>
    <message>
        <source>&amp;Minimum distance (degrees):</source>
        <translation>Distancia &amp;mínima (grados):</translation>
    </message>
</context>
<context>
    <name>lodestone::ProbabilityLayer</name>
    <message>
        <source>Deposit probability</source>
        <translation>Probabilidad de depósito</translation>
    </message>
    <message>
        <source>Deposit probability (≥ %1)</source>
        <translation>Probabilidad de depósito (≥ %1)</translation>
    </message>
    <message>
        <source>%1
Probability of deposit from the SVM (Platt scaling), 0 to 1</source>
        <translation>%1
Probabilidad de depósito de la SVM (escalado de Platt), de 0 a 1</translation>
    </message>
    <message>
        <source>%1 % of valid ground at or above %2</source>
        <translation>%1 % del terreno válido en %2 o más</translation>
    </message>
</context>
<context>
    <name>lodestone::ProbabilityLegend</name>
    <message>
        <source>Colours of the deposit probability; the marker shows the threshold</source>
        <translation>Colores de la probabilidad de depósito; la marca indica el umbral</translation>
    </message>
    <message>
        <source>threshold %1</source>
        <translation>umbral %1</translation>
    </message>
</context>
<context>
    <name>lodestone::ProcessingController</name>
    <message>
        <source>%1 was canceled.</source>
        <translation>Se canceló %1.</translation>
    </message>
    <message>
        <source>Cannot Compute the Product</source>
        <translation>No se puede calcular el producto</translation>
    </message>
    <message>
        <source>&amp;Processing</source>
        <translation>&amp;Procesado</translation>
    </message>
    <message>
        <source>Move anomalies over their sources, as if measured at the magnetic pole (induced magnetisation)</source>
        <translation>Desplaza las anomalías sobre sus fuentes, como si se midieran en el polo magnético (magnetización inducida)</translation>
    </message>
    <message>
        <source>Sharpen shallow sources: dT/dz, positive over them (nT/m)</source>
        <translation>Realza las fuentes someras: dT/dz, positiva sobre ellas (nT/m)</translation>
    </message>
    <message>
        <source>Peaks over the edges of sources (nT/m)</source>
        <translation>Máximos sobre los bordes de las fuentes (nT/m)</translation>
    </message>
    <message>
        <source>Angle between the vertical and horizontal gradients: positive over sources, zero near their edges, whatever their depth (radians)</source>
        <translation>Ángulo entre los gradientes vertical y horizontal: positivo sobre las fuentes, cero cerca de sus bordes, sea cual sea su profundidad (radianes)</translation>
    </message>
    <message>
        <source>Amplitude of the three gradients: peaks over sources, little affected by the direction of magnetisation (nT/m)</source>
        <translation>Amplitud de los tres gradientes: máximos sobre las fuentes, poco afectada por la dirección de magnetización (nT/m)</translation>
    </message>
    <message>
        <source>The field measured higher up: smooths shallow sources away</source>
        <translation>El campo medido más arriba: atenúa las fuentes someras</translation>
    </message>
    <message>
        <source>Texture: standard deviation in a moving window</source>
        <translation>Textura: desviación estándar en una ventana móvil</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>Se añadió %1.</translation>
    </message>
    <message>
        <source>Computing %1…</source>
        <translation>Calculando %1…</translation>
    </message>
    <message>
        <source>Added %1. %2</source>
        <translation>Se añadió %1. %2</translation>
    </message>
</context>
<context>
    <name>lodestone::ProductDialog</name>
    <message>
        <source>The inducing field at the survey, from a geomagnetic model (IGRF) for the survey&apos;s place and date. Magnetisation is assumed to be induced, along this field.</source>
        <translation>El campo inductor en el levantamiento, de un modelo geomagnético (IGRF) para el lugar y la fecha del levantamiento. Se supone magnetización inducida, según este campo.</translation>
    </message>
    <message>
        <source>Positive downwards: negative in the southern hemisphere</source>
        <translation>Positiva hacia abajo: negativa en el hemisferio sur</translation>
    </message>
    <message>
        <source>Degrees east of north</source>
        <translation>Grados al este del norte</translation>
    </message>
    <message>
        <source>Below this absolute inclination the amplitude correction uses this one instead, which keeps the filter bounded near the magnetic equator (0: the exact filter)</source>
        <translation>Por debajo de esta inclinación absoluta la corrección de amplitud usa esta en su lugar, lo que mantiene acotado el filtro cerca del ecuador magnético (0: el filtro exacto)</translation>
    </message>
    <message>
        <source>&amp;Inclination:</source>
        <translation>&amp;Inclinación:</translation>
    </message>
    <message>
        <source>&amp;Declination:</source>
        <translation>&amp;Declinación:</translation>
    </message>
    <message>
        <source>&amp;Stabilising inclination:</source>
        <translation>Inclinación de &amp;estabilización:</translation>
    </message>
    <message>
        <source>The field as it would be measured higher above the ground: short wavelengths, from shallow sources, fade first.</source>
        <translation>El campo tal como se mediría más alto sobre el terreno: las longitudes de onda cortas, de fuentes someras, se atenúan primero.</translation>
    </message>
    <message>
        <source> m</source>
        <translation> m</translation>
    </message>
    <message>
        <source>&amp;Height:</source>
        <translation>&amp;Altura:</translation>
    </message>
    <message>
        <source>The standard deviation of the valid cells in a square window centred on each cell: high over busy, shallow magnetic ground.</source>
        <translation>La desviación estándar de las celdas válidas en una ventana cuadrada centrada en cada celda: alta sobre terreno magnético somero y variado.</translation>
    </message>
    <message>
        <source> cells</source>
        <translation> celdas</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Ventana:</translation>
    </message>
    <message>
        <source>&amp;Reduction to the Pole…</source>
        <translation>&amp;Reducción al polo…</translation>
    </message>
    <message>
        <source>First &amp;Vertical Derivative</source>
        <translation>Primera derivada &amp;vertical</translation>
    </message>
    <message>
        <source>&amp;Horizontal Gradient</source>
        <translation>Gradiente &amp;horizontal</translation>
    </message>
    <message>
        <source>&amp;Tilt Angle</source>
        <translation>Ángulo de &amp;inclinación (tilt)</translation>
    </message>
    <message>
        <source>&amp;Analytic Signal</source>
        <translation>Señal &amp;analítica</translation>
    </message>
    <message>
        <source>&amp;Upward Continuation…</source>
        <translation>&amp;Continuación ascendente…</translation>
    </message>
    <message>
        <source>Local &amp;Standard Deviation…</source>
        <translation>&amp;Desviación estándar local…</translation>
    </message>
    <message>
        <source>reduced to the pole (I %1°, D %2°)</source>
        <translation>reducido al polo (I %1°, D %2°)</translation>
    </message>
    <message>
        <source>first vertical derivative</source>
        <translation>primera derivada vertical</translation>
    </message>
    <message>
        <source>horizontal gradient</source>
        <translation>gradiente horizontal</translation>
    </message>
    <message>
        <source>tilt angle</source>
        <translation>ángulo de inclinación (tilt)</translation>
    </message>
    <message>
        <source>analytic signal</source>
        <translation>señal analítica</translation>
    </message>
    <message>
        <source>upward continued %1 m</source>
        <translation>continuado hacia arriba %1 m</translation>
    </message>
    <message>
        <source>local standard deviation (%1 x %1 cells)</source>
        <translation>desviación estándar local (%1 x %1 celdas)</translation>
    </message>
    <message>
        <source>rad</source>
        <translation>rad</translation>
    </message>
</context>
<context>
    <name>lodestone::ProgressEstimator</name>
    <message>
        <source>a few seconds left</source>
        <translation>quedan unos segundos</translation>
    </message>
    <message>
        <source>about %1 s left</source>
        <translation>quedan unos %1 s</translation>
    </message>
    <message>
        <source>about %1 min %2 s left</source>
        <translation>quedan unos %1 min %2 s</translation>
    </message>
    <message>
        <source>about %1 h %2 min left</source>
        <translation>quedan unas %1 h %2 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Training autoencoder</source>
        <translation>Entrenando el autocodificador</translation>
    </message>
    <message>
        <source>Computing feature rasters</source>
        <translation>Calculando los ráster de características</translation>
    </message>
    <message>
        <source>Cross-validating</source>
        <translation>Validación cruzada</translation>
    </message>
    <message>
        <source>Classifying the map</source>
        <translation>Clasificando el mapa</translation>
    </message>
    <message>
        <source>Writing outputs</source>
        <translation>Escribiendo los resultados</translation>
    </message>
    <message>
        <source>Computing magnetic products</source>
        <translation>Calculando productos magnéticos</translation>
    </message>
    <message>
        <source>Evaluating held-out groups</source>
        <translation>Evaluando los grupos reservados</translation>
    </message>
    <message>
        <source>Evaluating against deposits and baselines</source>
        <translation>Evaluando frente a depósitos y referencias</translation>
    </message>
    <message>
        <source>%1 (member %2 of %3)</source>
        <translation>%1 (miembro %2 de %3)</translation>
    </message>
    <message>
        <source>Preparing input layers</source>
        <translation>Preparando las capas de entrada</translation>
    </message>
    <message>
        <source>Reusing the trained network</source>
        <translation>Reutilizando la red entrenada</translation>
    </message>
</context>
<context>
    <name>lodestone::ProjectController</name>
    <message>
        <source>There is not enough memory.</source>
        <translation>No hay memoria suficiente.</translation>
    </message>
    <message>
        <source>Survey Not Found</source>
        <translation>Levantamiento no encontrado</translation>
    </message>
    <message>
        <source>Locate…</source>
        <translation>Localizar…</translation>
    </message>
    <message>
        <source>Locate %1</source>
        <translation>Localizar %1</translation>
    </message>
    <message>
        <source>Open &amp;Project…</source>
        <translation>Abrir &amp;proyecto…</translation>
    </message>
    <message>
        <source>Reopen a survey with its labels, settings, view and results</source>
        <translation>Volver a abrir un levantamiento con sus etiquetas, ajustes, vista y resultados</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>&amp;Guardar proyecto</translation>
    </message>
    <message>
        <source>Save the survey, labels, settings, view and results as a project</source>
        <translation>Guardar el levantamiento, las etiquetas, los ajustes, la vista y los resultados como un proyecto</translation>
    </message>
    <message>
        <source>Save Project &amp;As…</source>
        <translation>Guardar proyecto &amp;como…</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Guardar proyecto</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>Abrir proyecto</translation>
    </message>
    <message>
        <source>Cannot Save Project</source>
        <translation>No se puede guardar el proyecto</translation>
    </message>
    <message>
        <source>Open a survey before saving a project.</source>
        <translation>Abra un levantamiento antes de guardar un proyecto.</translation>
    </message>
    <message>
        <source>The project was not saved because its labels could not be saved.</source>
        <translation>El proyecto no se guardó porque no se pudieron guardar sus etiquetas.</translation>
    </message>
    <message>
        <source>Saving the results to %1…</source>
        <translation>Guardando los resultados en %1…</translation>
    </message>
    <message>
        <source>The results could not be saved, so the project was not saved: %1</source>
        <translation>No se pudieron guardar los resultados, así que el proyecto no se guardó: %1</translation>
    </message>
    <message>
        <source>Project saved to %1.</source>
        <translation>Proyecto guardado en %1.</translation>
    </message>
    <message>
        <source>Cannot Open Project</source>
        <translation>No se puede abrir el proyecto</translation>
    </message>
    <message>
        <source>The survey of the project %1 was not found:
%2

It may have been moved or renamed, or be on a drive that is not connected. Locate it to open the project.</source>
        <translation>No se encontró el levantamiento del proyecto %1:
%2

Puede haberse movido o renombrado, o estar en una unidad que no está conectada. Localícelo para abrir el proyecto.</translation>
    </message>
    <message>
        <source>The project %1 was not opened: its survey is missing.</source>
        <translation>No se abrió el proyecto %1: falta su levantamiento.</translation>
    </message>
    <message>
        <source>Opening the project was canceled.</source>
        <translation>Se canceló la apertura del proyecto.</translation>
    </message>
    <message>
        <source>Labels Not Found</source>
        <translation>Etiquetas no encontradas</translation>
    </message>
    <message>
        <source>The labels of the project were not found:
%1
The survey was opened without them.</source>
        <translation>No se encontraron las etiquetas del proyecto:
%1
El levantamiento se abrió sin ellas.</translation>
    </message>
    <message>
        <source>Results Not Found</source>
        <translation>Resultados no encontrados</translation>
    </message>
    <message>
        <source>The saved results of the project were not found in %1. Train again to recreate them.</source>
        <translation>No se encontraron los resultados guardados del proyecto en %1. Vuelva a entrenar para recrearlos.</translation>
    </message>
    <message>
        <source>Reading the saved results…</source>
        <translation>Leyendo los resultados guardados…</translation>
    </message>
    <message>
        <source>Results Not Restored</source>
        <translation>Resultados no restaurados</translation>
    </message>
    <message>
        <source>The project opened, but its saved results could not be read: %1</source>
        <translation>El proyecto se abrió, pero no se pudieron leer sus resultados guardados: %1</translation>
    </message>
    <message>
        <source>Project %1 opened.</source>
        <translation>Proyecto %1 abierto.</translation>
    </message>
    <message>
        <source>Validation Occurrences Not Found</source>
        <translation>Ocurrencias de validación no encontradas</translation>
    </message>
    <message>
        <source>The validation occurrences of the project were not found:
%1</source>
        <translation>No se encontraron las ocurrencias de validación del proyecto:
%1</translation>
    </message>
    <message>
        <source>open the project %1</source>
        <translation>abrir el proyecto %1</translation>
    </message>
    <message>
        <source>%1 (%2)[*] — Lodestone</source>
        <translation>%1 (%2)[*] — Lodestone</translation>
    </message>
</context>
<context>
    <name>lodestone::ProjectFile</name>
    <message>
        <source>Lodestone projects (*.lodestone)</source>
        <translation>Proyectos de Lodestone (*.lodestone)</translation>
    </message>
    <message>
        <source>%1 is not a Lodestone project: %2.</source>
        <translation>%1 no es un proyecto de Lodestone: %2.</translation>
    </message>
    <message>
        <source>%1 is not a Lodestone project: its JSON text is not an object.</source>
        <translation>%1 no es un proyecto de Lodestone: su texto JSON no es un objeto.</translation>
    </message>
    <message>
        <source>%1 is not a Lodestone project.</source>
        <translation>%1 no es un proyecto de Lodestone.</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Lodestone (project format %2; this version reads up to %3).</source>
        <translation>%1 fue escrito por una versión más reciente de Lodestone (formato de proyecto %2; esta versión lee hasta el %3).</translation>
    </message>
    <message>
        <source>%1 names no survey.</source>
        <translation>%1 no indica ningún levantamiento.</translation>
    </message>
    <message>
        <source>Cannot write the project %1: %2.</source>
        <translation>No se puede escribir el proyecto %1: %2.</translation>
    </message>
    <message>
        <source>The project %1 was not found.</source>
        <translation>No se encontró el proyecto %1.</translation>
    </message>
    <message>
        <source>Cannot read the project %1: %2.</source>
        <translation>No se puede leer el proyecto %1: %2.</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>un número entero de %1 a %2</translation>
    </message>
    <message>
        <source>a number from %1 to %2</source>
        <translation>un número de %1 a %2</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true o false</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>un objeto</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>una lista</translation>
    </message>
    <message>
        <source>a list of %1 numbers</source>
        <translation>una lista de %1 números</translation>
    </message>
    <message>
        <source>one of %1</source>
        <translation>uno de %1</translation>
    </message>
    <message>
        <source>%1: &apos;%2&apos; must be %3, not %4.</source>
        <translation>%1: &apos;%2&apos; debe ser %3, no %4.</translation>
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
    <name>lodestone::RateCurvePlot</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Area, highest scores first</source>
        <translation>Área, de mayor a menor puntuación</translation>
    </message>
    <message>
        <source>Each curve ranks the valid pixels of one map from the highest score down and shows the share of deposits that fall in the top of the area. A curve high on the left captures many deposits in little ground; the dashed diagonal is what a random map does.</source>
        <translation>Cada curva ordena los píxeles válidos de un mapa de la puntuación más alta a la más baja y muestra la fracción de depósitos que cae en la parte más alta del área. Una curva alta a la izquierda captura muchos depósitos en poco terreno; la diagonal discontinua es lo que hace un mapa aleatorio.</translation>
    </message>
    <message>
        <source>Prediction rate (validation occurrences)</source>
        <translation>Tasa de predicción (ocurrencias de validación)</translation>
    </message>
    <message>
        <source>Held-out groups (training deposits)</source>
        <translation>Grupos reservados (depósitos de entrenamiento)</translation>
    </message>
    <message>
        <source>Success rate (training deposits)</source>
        <translation>Tasa de éxito (depósitos de entrenamiento)</translation>
    </message>
    <message>
        <source>Deposits captured</source>
        <translation>Depósitos capturados</translation>
    </message>
    <message>
        <source>Validation occurrences captured</source>
        <translation>Ocurrencias de validación capturadas</translation>
    </message>
    <message>
        <source>Held-out deposits captured</source>
        <translation>Depósitos reservados capturados</translation>
    </message>
    <message>
        <source>Training deposits captured</source>
        <translation>Depósitos de entrenamiento capturados</translation>
    </message>
    <message>
        <source>Lodestone map</source>
        <translation>Mapa de Lodestone</translation>
    </message>
    <message>
        <source>%1 — AUC %2</source>
        <translation>%1 — AUC %2</translation>
    </message>
    <message>
        <source>Random map — AUC %1</source>
        <translation>Mapa aleatorio — AUC %1</translation>
    </message>
    <message>
        <source>Lodestone (%1)</source>
        <translation>Lodestone (%1)</translation>
    </message>
    <message>
        <source>Lodestone ensemble of %1 (%2)</source>
        <translation>Conjunto Lodestone de %1 (%2)</translation>
    </message>
    <message>
        <source>Total-field anomaly</source>
        <translation>Anomalía de campo total</translation>
    </message>
    <message>
        <source>Negative total-field anomaly</source>
        <translation>Anomalía de campo total negativa</translation>
    </message>
    <message>
        <source>Horizontal-gradient magnitude</source>
        <translation>Magnitud del gradiente horizontal</translation>
    </message>
    <message>
        <source>Analytic-signal amplitude</source>
        <translation>Amplitud de la señal analítica</translation>
    </message>
    <message>
        <source>Tilt angle</source>
        <translation>Ángulo de inclinación (tilt)</translation>
    </message>
    <message>
        <source>Local standard deviation, %1 x %1</source>
        <translation>Desviación estándar local, %1 x %1</translation>
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
    <name>lodestone::ResultExporter</name>
    <message>
        <source>There is not enough memory to write the file.</source>
        <translation>No hay memoria suficiente para escribir el archivo.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>&amp;Class Map (GeoTIFF)…</source>
        <translation>Mapa de &amp;clases (GeoTIFF)…</translation>
    </message>
    <message>
        <source>&amp;Probability Map (GeoTIFF)…</source>
        <translation>Mapa de &amp;probabilidad (GeoTIFF)…</translation>
    </message>
    <message>
        <source>Deposit probability, 0 to 1, as a Float32 GeoTIFF; written as computed, not thresholded or rescaled</source>
        <translation>Probabilidad de depósito, de 0 a 1, como GeoTIFF Float32; se escribe tal como se calculó, sin umbral ni reescalado</translation>
    </message>
    <message>
        <source>&amp;Feature Rasters (Multi-band GeoTIFF)…</source>
        <translation>Ráster de &amp;características (GeoTIFF multibanda)…</translation>
    </message>
    <message>
        <source>Every feature raster as one band of a Float32 GeoTIFF, bands named after the filters</source>
        <translation>Cada ráster de características como una banda de un GeoTIFF Float32, con las bandas nombradas según los filtros</translation>
    </message>
    <message>
        <source>Report as &amp;JSON…</source>
        <translation>Informe como &amp;JSON…</translation>
    </message>
    <message>
        <source>Settings, seed, labels, stage times, losses, cross-validation scores and library versions</source>
        <translation>Ajustes, semilla, etiquetas, tiempos de cada etapa, pérdidas, puntuaciones de validación cruzada y versiones de las bibliotecas</translation>
    </message>
    <message>
        <source>Report as C&amp;SV…</source>
        <translation>Informe como C&amp;SV…</translation>
    </message>
    <message>
        <source>Cross-validation scores per mode and the confusion matrices</source>
        <translation>Puntuaciones de validación cruzada por modo y las matrices de confusión</translation>
    </message>
    <message>
        <source>&amp;All Results to Folder…</source>
        <translation>&amp;Todos los resultados a una carpeta…</translation>
    </message>
    <message>
        <source>&amp;Loss Curve (PNG or PDF)…</source>
        <translation>Curva de &amp;pérdida (PNG o PDF)…</translation>
    </message>
    <message>
        <source>The autoencoder&apos;s loss per epoch</source>
        <translation>La pérdida del autocodificador por época</translation>
    </message>
    <message>
        <source>C&amp;ross-Validation Chart (PNG or PDF)…</source>
        <translation>Gráfico de validación c&amp;ruzada (PNG o PDF)…</translation>
    </message>
    <message>
        <source>The cross-validated scores of the four modes as bars</source>
        <translation>Las puntuaciones de validación cruzada de los cuatro modos como barras</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>Imagen PNG (*.png);;Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export All Results to Folder</source>
        <translation>Exportar todos los resultados a una carpeta</translation>
    </message>
    <message>
        <source>There is nothing to plot yet.</source>
        <translation>Todavía no hay nada que graficar.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>There is no result to export; train first.</source>
        <translation>No hay ningún resultado que exportar; entrene primero.</translation>
    </message>
    <message>
        <source>There is no map to export; open a survey first.</source>
        <translation>No hay ningún mapa que exportar; abra primero un levantamiento.</translation>
    </message>
    <message>
        <source>Report as &amp;HTML…</source>
        <translation>Informe como &amp;HTML…</translation>
    </message>
    <message>
        <source>One page to read or send: the survey and probability maps, the rate curves against the zero-label baselines, the evaluation and cross-validation tables and the settings</source>
        <translation>Una página para leer o enviar: los mapas del levantamiento y de probabilidad, las curvas de tasa frente a las referencias sin etiquetas, las tablas de evaluación y de validación cruzada y los ajustes</translation>
    </message>
    <message>
        <source>classes.tif, probability.tif, features.tif, model.pt, report.json and report.html, as lodestone-cli writes them</source>
        <translation>classes.tif, probability.tif, features.tif, model.pt, report.json y report.html, tal como los escribe lodestone-cli</translation>
    </message>
    <message>
        <source>HTML page (*.html *.htm)</source>
        <translation>Página HTML (*.html *.htm)</translation>
    </message>
    <message>
        <source>Deposit / non-deposit map as a Byte GeoTIFF with its colour table and class names, on the survey&apos;s grid and CRS, with a QGIS style (.qml) beside it</source>
        <translation>Mapa de depósito / sin depósito como GeoTIFF de tipo Byte con su tabla de colores y los nombres de las clases, en la malla y el SRC del levantamiento, con un estilo de QGIS (.qml) al lado</translation>
    </message>
    <message>
        <source>&amp;Uncertainty Map (GeoTIFF)…</source>
        <translation>Mapa de &amp;incertidumbre (GeoTIFF)…</translation>
    </message>
    <message>
        <source>The standard deviation of the ensemble&apos;s deposit probabilities as a Float32 GeoTIFF (ensembles of two or more networks)</source>
        <translation>La desviación estándar de las probabilidades de depósito del conjunto como GeoTIFF Float32 (conjuntos de dos o más redes)</translation>
    </message>
    <message>
        <source>&amp;Map (PNG or PDF)…</source>
        <translation>&amp;Mapa (PNG o PDF)…</translation>
    </message>
    <message>
        <source>The part of the survey in view with its visible layers, a legend, scale bar, north arrow, CRS, data source and date, ready for a report; a PNG gets a world file (.pgw) that places it in a GIS</source>
        <translation>La parte del levantamiento a la vista con sus capas visibles, una leyenda, barra de escala, flecha del norte, SRC, origen de los datos y fecha, lista para un informe; un PNG lleva un archivo de georreferencia (.pgw) que lo sitúa en un SIG</translation>
    </message>
</context>
<context>
    <name>lodestone::ResultsPanel</name>
    <message>
        <source>The labels have changed since this result was trained; train again to use them.</source>
        <translation>Las etiquetas han cambiado desde que se entrenó este resultado; vuelva a entrenar para usarlas.</translation>
    </message>
    <message>
        <source>Probability threshold</source>
        <translation>Umbral de probabilidad</translation>
    </message>
    <message>
        <source>Pixels whose deposit probability is below this value are hidden or greyed on the probability map, so that the most prospective ground stands out</source>
        <translation>Los píxeles cuya probabilidad de depósito es menor que este valor se ocultan o se muestran en gris en el mapa de probabilidad, para que destaque el terreno más prospectivo</translation>
    </message>
    <message>
        <source>Transparent</source>
        <translation>Transparentes</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Grises</translation>
    </message>
    <message>
        <source>Show from</source>
        <translation>Mostrar desde</translation>
    </message>
    <message>
        <source>Below it</source>
        <translation>Por debajo</translation>
    </message>
    <message>
        <source>No results yet. Label some deposit and non-deposit pixels, then click Train in the Training panel.</source>
        <translation>Todavía no hay resultados. Etiquete algunos píxeles de depósito y sin depósito y luego pulse Entrenar en el panel Entrenamiento.</translation>
    </message>
    <message>
        <source>Trained on %1 deposit and %2 non-deposit labelled pixels.</source>
        <translation>Entrenado con %1 píxeles etiquetados de depósito y %2 sin depósito.</translation>
    </message>
    <message>
        <source>The map&apos;s classifier learned from a random sample of %1 deposit and %2 non-deposit positions of them, which bounds its time and memory.</source>
        <translation>El clasificador del mapa aprendió de una muestra aleatoria de %1 posiciones de depósito y %2 sin depósito de entre ellos, lo que acota su tiempo y su memoria.</translation>
    </message>
    <message>
        <source>Map classified with %1: %2 % of valid ground is deposit (red), %3 % non-deposit (blue).</source>
        <translation>Mapa clasificado con %1: el %2 % del terreno válido es depósito (rojo) y el %3 % sin depósito (azul).</translation>
    </message>
    <message>
        <source>Map classified with %1.</source>
        <translation>Mapa clasificado con %1.</translation>
    </message>
    <message>
        <source>Class map: %1 deposit %2 non-deposit</source>
        <translation>Mapa de clases: %1 depósito %2 sin depósito</translation>
    </message>
    <message>
        <source>Colours of the class map layer (and of the exported class GeoTIFF)</source>
        <translation>Colores de la capa del mapa de clases (y del GeoTIFF de clases exportado)</translation>
    </message>
    <message>
        <source>Within %1 cells of the survey&apos;s edge, fewer patches cover each pixel: read the maps there with care.</source>
        <translation>A menos de %1 celdas del borde del levantamiento, cada píxel está cubierto por menos parches: interprete los mapas allí con cuidado.</translation>
    </message>
    <message>
        <source>Uncertainty</source>
        <translation>Incertidumbre</translation>
    </message>
    <message>
        <source>Uncertainty (ensemble of %1 networks)</source>
        <translation>Incertidumbre (conjunto de %1 redes)</translation>
    </message>
    <message>
        <source>The probability map is the mean of the networks&apos; maps; the Uncertainty layer shows their standard deviation: bright where they disagree.</source>
        <translation>El mapa de probabilidad es la media de los mapas de las redes; la capa de incertidumbre muestra su desviación estándar: clara donde discrepan.</translation>
    </message>
    <message>
        <source>Display threshold: %1.</source>
        <translation>Umbral de visualización: %1.</translation>
    </message>
    <message>
        <source>Display threshold: none; every pixel is shown.</source>
        <translation>Umbral de visualización: ninguno; se muestran todos los píxeles.</translation>
    </message>
    <message>
        <source>Display threshold: %1. %2 % of valid ground has a deposit probability of at least %1 (the class map keeps its own threshold, %3).</source>
        <translation>Umbral de visualización: %1. El %2 % del terreno válido tiene una probabilidad de depósito de al menos %1 (el mapa de clases mantiene su propio umbral, %3).</translation>
    </message>
    <message>
        <source>How pixels below the threshold are drawn: grey veils the survey beneath them, so that the ramp&apos;s colours stand out; transparent shows the survey</source>
        <translation>Cómo se dibujan los píxeles por debajo del umbral: el gris vela el levantamiento que hay debajo, para que destaquen los colores de la rampa; transparente muestra el levantamiento</translation>
    </message>
    <message>
        <source>The pipeline&apos;s stages took %1 (reading and writing the files not counted).</source>
        <translation>Las etapas del proceso tardaron %1 (sin contar la lectura y escritura de los archivos).</translation>
    </message>
</context>
<context>
    <name>lodestone::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>Sistema (%1)</translation>
    </message>
    <message>
        <source>Language of menus, panels and messages. Numbers and dates follow the system&apos;s regional settings.</source>
        <translation>Idioma de los menús, paneles y mensajes. Los números y las fechas siguen la configuración regional del sistema.</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <source>The new language is used when Lodestone is next started.</source>
        <translation>El nuevo idioma se usará la próxima vez que se inicie Lodestone.</translation>
    </message>
    <message>
        <source>The language is applied when Lodestone starts.</source>
        <translation>El idioma se aplica al iniciar Lodestone.</translation>
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
    <name>lodestone::SuggestionLayer</name>
    <message>
        <source>Places to label</source>
        <translation>Lugares para etiquetar</translation>
    </message>
    <message>
        <source>%1
%2 places where the map is least certain and no label is near: label them next</source>
        <translation>%1
%2 lugares donde el mapa es menos seguro y no hay etiquetas cerca: etiquételos a continuación</translation>
    </message>
</context>
<context>
    <name>lodestone::TrainingController</name>
    <message>
        <source>Training finished in %1.</source>
        <translation>Entrenamiento terminado en %1.</translation>
    </message>
    <message>
        <source>Canceled. The previous results are kept.</source>
        <translation>Cancelado. Se conservan los resultados anteriores.</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Training canceled.</source>
        <translation>Entrenamiento cancelado.</translation>
    </message>
    <message>
        <source>Training failed; the previous results are kept.</source>
        <translation>El entrenamiento falló; se conservan los resultados anteriores.</translation>
    </message>
    <message>
        <source>Training failed.</source>
        <translation>El entrenamiento falló.</translation>
    </message>
    <message>
        <source>Training Failed</source>
        <translation>Falló el entrenamiento</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Exportado %1</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>Falló la exportación</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entrenamiento</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Cross-validation</source>
        <translation>Validación cruzada</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Mapas de características</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Open a survey and label deposit and non-deposit pixels to train.</source>
        <translation>Abra un levantamiento y etiquete píxeles de depósito y sin depósito para entrenar.</translation>
    </message>
    <message>
        <source>Labels: %1 deposit and %2 non-deposit pixels.</source>
        <translation>Etiquetas: %1 píxeles de depósito y %2 sin depósito.</translation>
    </message>
    <message>
        <source>Label at least 2 of each to train.</source>
        <translation>Etiquete al menos 2 de cada clase para entrenar.</translation>
    </message>
    <message>
        <source>Cannot Train</source>
        <translation>No se puede entrenar</translation>
    </message>
    <message>
        <source>Open a survey first.</source>
        <translation>Abra primero un levantamiento.</translation>
    </message>
    <message>
        <source>Canceling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Class map (%1)</source>
        <translation>Mapa de clases (%1)</translation>
    </message>
    <message>
        <source>Feature %1</source>
        <translation>Característica %1</translation>
    </message>
    <message>
        <source>Not trained yet.</source>
        <translation>Todavía sin entrenar.</translation>
    </message>
    <message>
        <source>Showing the result saved in %1.</source>
        <translation>Se muestra el resultado guardado en %1.</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Trained the network again, as asked.</source>
        <translation>Se entrenó la red de nuevo, como se pidió.</translation>
    </message>
    <message>
        <source>Live preview paused: %1</source>
        <translation>Vista previa en vivo en pausa: %1</translation>
    </message>
    <message>
        <source>No place is left at least %1 cells from every label.</source>
        <translation>No queda ningún lugar a al menos %1 celdas de todas las etiquetas.</translation>
    </message>
    <message>
        <source>%1 places to label, where the map is least certain and no label is within %2 cells: “Next place” steps through them.</source>
        <translation>%1 lugares para etiquetar, donde el mapa es menos seguro y no hay etiquetas a menos de %2 celdas: «Lugar siguiente» los recorre.</translation>
    </message>
    <message>
        <source>Place %1 of %2: deposit probability %3</source>
        <translation>Lugar %1 de %2: probabilidad de depósito %3</translation>
    </message>
    <message>
        <source>, the networks&apos; spread %1</source>
        <translation>, dispersión de las redes %1</translation>
    </message>
    <message>
        <source>, %1 cells from the nearest label</source>
        <translation>, a %1 celdas de la etiqueta más cercana</translation>
    </message>
    <message>
        <source>Train once on this survey: the live preview then re-fits the SVM on the trained network&apos;s feature rasters after each stroke.</source>
        <translation>Entrene una vez con este levantamiento: la vista previa en vivo reajusta entonces la SVM sobre los ráster de características de la red entrenada tras cada trazo.</translation>
    </message>
    <message>
        <source>Live preview paused: label at least 2 deposit and 2 non-deposit pixels.</source>
        <translation>Vista previa en vivo en pausa: etiquete al menos 2 píxeles de depósito y 2 sin depósito.</translation>
    </message>
    <message>
        <source>Live: the map shows the labels as they are now (%1 deposit and %2 non-deposit positions). Click Train for cross-validation and the evaluation.</source>
        <translation>En vivo: el mapa refleja las etiquetas tal como están ahora (%1 posiciones de depósito y %2 sin depósito). Pulse Entrenar para la validación cruzada y la evaluación.</translation>
    </message>
    <message>
        <source>Reusing the network in memory if the survey and the network settings are unchanged: the autoencoder training and the feature rasters are then skipped.</source>
        <translation>Se reutiliza la red en memoria si el levantamiento y los ajustes de la red no han cambiado: en ese caso se omiten el entrenamiento del autocodificador y los ráster de características.</translation>
    </message>
    <message>
        <source>Training the network again, as asked.</source>
        <translation>Entrenando la red de nuevo, como se pidió.</translation>
    </message>
    <message>
        <source>Trained the network again: the one in memory differs in %1.</source>
        <translation>Se entrenó la red de nuevo: la que está en memoria difiere en %1.</translation>
    </message>
    <message>
        <source>Training Is Running</source>
        <translation>Entrenamiento en curso</translation>
    </message>
    <message>
        <source>A training run is in progress. Stop it and %1? The run is lost.</source>
        <translation>Hay un entrenamiento en curso. ¿Detenerlo y %1? El entrenamiento se perderá.</translation>
    </message>
    <message>
        <source>Unsaved Results</source>
        <translation>Resultados sin guardar</translation>
    </message>
    <message>
        <source>The results of the last training are saved nowhere (neither in a project nor exported to a folder). Discard them and %1?</source>
        <translation>Los resultados del último entrenamiento no están guardados en ninguna parte (ni en un proyecto ni exportados a una carpeta). ¿Descartarlos y %1?</translation>
    </message>
    <message>
        <source>The feature rasters of this survey take more memory than a run holds at once: they were computed strip by strip into features.tif, as lodestone-cli run does, and are read from there band by band. “Train” after an edit trains the network again; the live preview needs them in memory and is not available.</source>
        <translation>Los ráster de características de este levantamiento ocupan más memoria de la que una ejecución mantiene a la vez: se calcularon franja a franja en features.tif, como hace lodestone-cli run, y se leen de allí banda a banda. «Entrenar» tras una edición vuelve a entrenar la red; la vista previa en vivo los necesita en memoria y no está disponible.</translation>
    </message>
    <message>
        <source>Not available on this survey: its feature rasters are too large to hold in memory, and the live preview re-fits the SVM on feature rasters in memory after each stroke.</source>
        <translation>No disponible en este levantamiento: sus ráster de características son demasiado grandes para mantenerlos en memoria, y la vista previa en vivo reajusta la SVM sobre ráster de características en memoria tras cada trazo.</translation>
    </message>
    <message>
        <source>Cannot create a folder for the run&apos;s files in %1.</source>
        <translation>No se puede crear una carpeta para los archivos de la ejecución en %1.</translation>
    </message>
    <message>
        <source>The feature rasters of this survey would take %1 in memory: they are computed strip by strip into a temporary features.tif, as lodestone-cli run does, with one network and random folds only.</source>
        <translation>Los ráster de características de este levantamiento ocuparían %1 en memoria: se calculan franja a franja en un features.tif temporal, como hace lodestone-cli run, con una sola red y solo pliegues aleatorios.</translation>
    </message>
    <message>
        <source>Cannot Show the Feature Raster</source>
        <translation>No se puede mostrar el ráster de características</translation>
    </message>
    <message>
        <source>Skipped training the autoencoder and computing the feature rasters: the network in memory was trained on this survey with these settings, and the labels play no part in it. Only the classifier, cross-validation and evaluation ran. Tick “Retrain the network too” to train it again.</source>
        <translation>Se omitió entrenar el autocodificador y calcular los ráster de características: la red en memoria se entrenó con este levantamiento y estos ajustes, y las etiquetas no intervienen en ella. Solo se ejecutaron el clasificador, la validación cruzada y la evaluación. Marque «Reentrenar también la red» para entrenarla de nuevo.</translation>
    </message>
    <message>
        <source>Finished in %1: the maps are on the map, the figures in the Results panel.</source>
        <translation>Terminado en %1: los mapas están en el mapa; las cifras, en el panel Resultados.</translation>
    </message>
    <message>
        <source>canceled at %p %</source>
        <translation>cancelado al %p %</translation>
    </message>
    <message>
        <source>failed at %p %</source>
        <translation>falló al %p %</translation>
    </message>
    <message>
        <source>The results of the last training are not saved as a whole: their rasters and model are neither in a project nor exported to a folder (only a report or a map image was). Discard them and %1?</source>
        <translation>Los resultados del último entrenamiento no están guardados por completo: sus rásteres y su modelo no están en un proyecto ni exportados a una carpeta (solo se exportó un informe o una imagen del mapa). ¿Descartarlos y %1?</translation>
    </message>
</context>
<context>
    <name>lodestone::TrainingPanel</name>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>Pixel features</source>
        <translation>Características por píxel</translation>
    </message>
    <message>
        <source>Pixel samples</source>
        <translation>Muestras por píxel</translation>
    </message>
    <message>
        <source>Patch features</source>
        <translation>Características por parche</translation>
    </message>
    <message>
        <source>Patch samples</source>
        <translation>Muestras por parche</translation>
    </message>
    <message>
        <source>Defaults</source>
        <translation>Valores predeterminados</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entrenar</translation>
    </message>
    <message>
        <source>Train the autoencoder on the survey, compute the feature rasters, cross-validate the SVM on your labels and classify the whole map. The window stays usable meanwhile.</source>
        <translation>Entrenar el autocodificador con el levantamiento, calcular los ráster de características, validar la SVM con sus etiquetas y clasificar todo el mapa. Mientras tanto, la ventana sigue disponible.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop training within about a second; the previous results are kept</source>
        <translation>Detener el entrenamiento en un segundo aproximadamente; se conservan los resultados anteriores</translation>
    </message>
    <message>
        <source>Not trained yet.</source>
        <translation>Todavía sin entrenar.</translation>
    </message>
    <message>
        <source>Autoencoder</source>
        <translation>Autocodificador</translation>
    </message>
    <message>
        <source>Side, in grid cells, of the square window around each pixel that the autoencoder looks at. Make it span a typical anomaly of the targets: 50 cells of 50 m is a 2.5 km window. Larger windows see more geological context but blur the feature maps.</source>
        <translation>Lado, en celdas de la malla, de la ventana cuadrada alrededor de cada píxel que mira el autocodificador. Conviene que abarque una anomalía típica de los objetivos: 50 celdas de 50 m son una ventana de 2,5 km. Las ventanas más grandes ven más contexto geológico pero difuminan los mapas de características.</translation>
    </message>
    <message>
        <source> cells</source>
        <translation> celdas</translation>
    </message>
    <message>
        <source>How many windows are cut at random from valid ground to train the autoencoder. More windows show it more of the survey&apos;s anomaly shapes, and take longer.</source>
        <translation>Cuántas ventanas se recortan al azar del terreno válido para entrenar el autocodificador. Más ventanas le muestran más formas de anomalías del levantamiento, y tardan más.</translation>
    </message>
    <message>
        <source>Passes over the training windows. Watch the loss curve below: once it flattens, more epochs change little.</source>
        <translation>Pasadas sobre las ventanas de entrenamiento. Observe la curva de pérdida de abajo: cuando se aplana, más épocas cambian poco.</translation>
    </message>
    <message>
        <source>Windows per optimisation step. Larger batches use the processor better and need more memory; smaller ones make noisier but more frequent steps.</source>
        <translation>Ventanas por paso de optimización. Los lotes grandes aprovechan mejor el procesador y necesitan más memoria; los pequeños dan pasos más ruidosos pero más frecuentes.</translation>
    </message>
    <message>
        <source>Step size of the Adam optimiser. Too high and the loss jumps about or stalls; too low and training crawls. 0.001 is the usual starting point.</source>
        <translation>Tamaño de paso del optimizador Adam. Demasiado alto y la pérdida salta o se estanca; demasiado bajo y el entrenamiento avanza muy despacio. 0,001 es el punto de partida habitual.</translation>
    </message>
    <message>
        <source>Feature maps learned by encoder layer 1, which sees the finest detail (short wavelengths, sharp gradients, dyke edges).</source>
        <translation>Mapas de características que aprende la capa 1 del codificador, que ve el detalle más fino (longitudes de onda cortas, gradientes bruscos, bordes de diques).</translation>
    </message>
    <message>
        <source>Feature maps learned by encoder layer 2, at half the resolution: anomaly shapes of a few cells.</source>
        <translation>Mapas de características que aprende la capa 2 del codificador, a la mitad de la resolución: formas de anomalías de unas pocas celdas.</translation>
    </message>
    <message>
        <source>Feature maps learned by encoder layer 3, at a quarter of the resolution: the broader form of anomalies and their surroundings.</source>
        <translation>Mapas de características que aprende la capa 3 del codificador, a un cuarto de la resolución: la forma más amplia de las anomalías y su entorno.</translation>
    </message>
    <message>
        <source>The three numbers add up to the number of feature rasters.</source>
        <translation>Los tres números suman el número de ráster de características.</translation>
    </message>
    <message>
        <source>Filters of layer %1</source>
        <translation>Filtros de la capa %1</translation>
    </message>
    <message>
        <source>Patch size</source>
        <translation>Tamaño de parche</translation>
    </message>
    <message>
        <source>Training patches</source>
        <translation>Parches de entrenamiento</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Filters (layers 1, 2, 3)</source>
        <translation>Filtros (capas 1, 2, 3)</translation>
    </message>
    <message>
        <source>Feature rasters</source>
        <translation>Ráster de características</translation>
    </message>
    <message>
        <source>Dense (every pixel)</source>
        <translation>Denso (cada píxel)</translation>
    </message>
    <message>
        <source>Exact stitch with stride</source>
        <translation>Cosido exacto con paso</translation>
    </message>
    <message>
        <source>How the encoder&apos;s activations become full-size feature rasters. Dense gives the paper&apos;s every-pixel stitch in one pass over the grid (fast). Exact stitch encodes the window around every stride-th pixel one at a time, the paper&apos;s reference procedure (slow at stride 1).</source>
        <translation>Cómo se convierten las activaciones del codificador en ráster de características de tamaño completo. Denso da el cosido de cada píxel del artículo en una sola pasada sobre la malla (rápido). El cosido exacto codifica una a una las ventanas alrededor de cada píxel según el paso, el procedimiento de referencia del artículo (lento con paso 1).</translation>
    </message>
    <message>
        <source>Exact stitch only: use the window around every stride-th pixel along rows and columns. Stride 1 is the paper&apos;s method; stride 4 is about 16 times faster and smooths the features a little.</source>
        <translation>Solo cosido exacto: usar la ventana alrededor de uno de cada «paso» píxeles en filas y columnas. El paso 1 es el método del artículo; el paso 4 es unas 16 veces más rápido y suaviza un poco las características.</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>How the feature rasters are given to the SVM that classifies the map. Pixel features: the feature values at the pixel. Pixel samples: each feature value as its own sample. Patch features: block averages of the window around the pixel. Patch samples: those block averages raster by raster. All four are cross-validated; pick the one that scores best for the map.</source>
        <translation>Cómo se entregan los ráster de características a la SVM que clasifica el mapa. Características por píxel: los valores de las características en el píxel. Muestras por píxel: cada valor de característica como una muestra propia. Características por parche: promedios por bloques de la ventana alrededor del píxel. Muestras por parche: esos promedios ráster por ráster. Los cuatro se validan de forma cruzada; elija para el mapa el que mejor puntúe.</translation>
    </message>
    <message>
        <source>How hard the SVM tries to get every labelled pixel right. A large C follows the labels closely (and may overfit a handful of labels); a small C draws a smoother boundary. Automatic chooses it by cross-validation on the labels.</source>
        <translation>Cuánto se esfuerza la SVM por acertar cada píxel etiquetado. Un C grande sigue de cerca las etiquetas (y puede sobreajustarse a unas pocas); un C pequeño traza una frontera más suave. Automático lo elige por validación cruzada sobre las etiquetas.</translation>
    </message>
    <message>
        <source>How far the influence of one labelled pixel reaches among pixels with similar features. Large gamma: only near-identical ground is affected (patchy maps); small gamma: broad, smooth decisions. Automatic chooses it by cross-validation.</source>
        <translation>Hasta dónde llega la influencia de un píxel etiquetado entre los píxeles de características parecidas. Gamma grande: solo afecta a terreno casi idéntico (mapas en parches); gamma pequeño: decisiones amplias y suaves. Automático lo elige por validación cruzada.</translation>
    </message>
    <message>
        <source>Patch modes: the window around a pixel is reduced to R x R block averages of each feature raster before the SVM sees it. The patch size must be a multiple of R.</source>
        <translation>Modos por parche: la ventana alrededor de un píxel se reduce a R x R promedios por bloques de cada ráster de características antes de que la vea la SVM. El tamaño de parche debe ser múltiplo de R.</translation>
    </message>
    <message>
        <source>Mode for the map</source>
        <translation>Modo para el mapa</translation>
    </message>
    <message>
        <source>C</source>
        <translation>C</translation>
    </message>
    <message>
        <source>Gamma</source>
        <translation>Gamma</translation>
    </message>
    <message>
        <source>Patch resize</source>
        <translation>Reducción del parche</translation>
    </message>
    <message>
        <source>Cross-validation</source>
        <translation>Validación cruzada</translation>
    </message>
    <message>
        <source>The labelled pixels are dealt into this many groups; each group is held out once and predicted by an SVM trained on the rest. Reduced, with a warning, when a class has fewer labels.</source>
        <translation>Los píxeles etiquetados se reparten en este número de grupos; cada grupo se reserva una vez y lo predice una SVM entrenada con el resto. Se reduce, con una advertencia, cuando una clase tiene menos etiquetas.</translation>
    </message>
    <message>
        <source>Balanced sample for cross-validation: this many labelled pixels of each class, at most as many as the smaller class has. All uses as many as the smaller class has. The map itself is always trained on every label.</source>
        <translation>Muestra equilibrada para la validación cruzada: este número de píxeles etiquetados de cada clase, como mucho tantos como tenga la clase menor. Todos usa tantos como tenga la clase menor. El mapa siempre se entrena con todas las etiquetas.</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>Drives every random choice: training windows, initial weights, folds. The same survey, labels, settings and seed give the same result.</source>
        <translation>Determina cada elección aleatoria: ventanas de entrenamiento, pesos iniciales, pliegues. El mismo levantamiento, etiquetas, ajustes y semilla dan el mismo resultado.</translation>
    </message>
    <message>
        <source>Folds</source>
        <translation>Pliegues</translation>
    </message>
    <message>
        <source>Positions per class</source>
        <translation>Posiciones por clase</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semilla</translation>
    </message>
    <message>
        <source>Stage %1 of %2: %3</source>
        <translation>Etapa %1 de %2: %3</translation>
    </message>
    <message>
        <source>%p % — %1</source>
        <translation>%p % — %1</translation>
    </message>
    <message>
        <source>Pixel
features</source>
        <translation>Caract.
píxel</translation>
    </message>
    <message>
        <source>Pixel
samples</source>
        <translation>Muestras
píxel</translation>
    </message>
    <message>
        <source>Patch
features</source>
        <translation>Caract.
parche</translation>
    </message>
    <message>
        <source>Patch
samples</source>
        <translation>Muestras
parche</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluación</translation>
    </message>
    <message>
        <source>Networks trained from different seeds, each with its own SVM. The probability map is their mean and an uncertainty map shows where they disagree. Each network adds the time of one training run.</source>
        <translation>Redes entrenadas con semillas distintas, cada una con su propia SVM. El mapa de probabilidad es su media y un mapa de incertidumbre muestra dónde discrepan. Cada red añade el tiempo de un entrenamiento.</translation>
    </message>
    <message>
        <source> networks</source>
        <translation> redes</translation>
    </message>
    <message>
        <source>1 network (no ensemble)</source>
        <translation>1 red (sin conjunto)</translation>
    </message>
    <message>
        <source>Validation Occurrences…</source>
        <translation>Ocurrencias de validación…</translation>
    </message>
    <message>
        <source>Known deposits that the run does not train on (CSV with X/Y columns in the survey&apos;s CRS, Shapefile, GeoPackage, GeoJSON). The map is scored at them: the prediction rate, the fairest test of a map.</source>
        <translation>Depósitos conocidos con los que la ejecución no se entrena (CSV con columnas X/Y en el SRC del levantamiento, Shapefile, GeoPackage, GeoJSON). El mapa se puntúa en ellos: la tasa de predicción, la prueba más justa de un mapa.</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Forget the validation occurrences</source>
        <translation>Olvidar las ocurrencias de validación</translation>
    </message>
    <message>
        <source>Ensemble</source>
        <translation>Conjunto</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Validación</translation>
    </message>
    <message>
        <source>Input layers</source>
        <translation>Capas de entrada</translation>
    </message>
    <message>
        <source>The network reads the survey and every checked layer as input channels of one patch, each scaled to 0–1 on its own (amplitudes such as the analytic signal as logarithms). A pixel where any checked layer has no data is left out. Add layers with the Processing menu or File &gt; Add Raster Layer.</source>
        <translation>La red lee el levantamiento y cada capa marcada como canales de entrada de un mismo parche, cada uno escalado a 0–1 por separado (las amplitudes, como la señal analítica, como logaritmos). Se descarta un píxel donde alguna capa marcada no tiene datos. Añada capas con el menú Procesado o Archivo &gt; Añadir capa ráster.</translation>
    </message>
    <message>
        <source>Survey (always read)</source>
        <translation>Levantamiento (siempre se lee)</translation>
    </message>
    <message>
        <source>The survey is the network&apos;s first input.</source>
        <translation>El levantamiento es la primera entrada de la red.</translation>
    </message>
    <message>
        <source>Retrain the network too</source>
        <translation>Reentrenar también la red</translation>
    </message>
    <message>
        <source>Train the autoencoder and compute the feature rasters again even when the network in memory was trained on this survey with these settings. Without it, Train reuses that network when only labels, SVM, cross-validation or evaluation settings changed, and gives the same results as a full run with the same seed.</source>
        <translation>Entrenar el autocodificador y calcular de nuevo los ráster de características aunque la red en memoria se haya entrenado con este levantamiento y estos ajustes. Sin esta opción, Entrenar reutiliza esa red cuando solo cambiaron las etiquetas o los ajustes de la SVM, de la validación cruzada o de la evaluación, y da los mismos resultados que una ejecución completa con la misma semilla.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En vivo</translation>
    </message>
    <message>
        <source>Update the deposit probability map a moment after each paint stroke, by re-fitting the SVM on the trained network&apos;s feature rasters. Cross-validation and the evaluation run when you click Train.</source>
        <translation>Actualizar el mapa de probabilidad de depósito un momento después de cada trazo de pintura, reajustando la SVM sobre los ráster de características de la red entrenada. La validación cruzada y la evaluación se ejecutan al pulsar Entrenar.</translation>
    </message>
    <message>
        <source>Suggest where to label</source>
        <translation>Sugerir dónde etiquetar</translation>
    </message>
    <message>
        <source>Mark the few places where the map is least certain (probability near the threshold, or the ensemble&apos;s networks disagreeing) and no label is near: labels there teach the classifier the most</source>
        <translation>Marcar los pocos lugares donde el mapa es menos seguro (probabilidad cerca del umbral, o redes del conjunto en desacuerdo) y no hay etiquetas cerca: las etiquetas allí son las que más enseñan al clasificador</translation>
    </message>
    <message>
        <source>Next place</source>
        <translation>Lugar siguiente</translation>
    </message>
    <message>
        <source>Centre the map on the next suggested place to label</source>
        <translation>Centrar el mapa en el siguiente lugar sugerido para etiquetar</translation>
    </message>
    <message>
        <source>Classifier</source>
        <translation>Clasificador</translation>
    </message>
    <message>
        <source>Support vector machine (RBF)</source>
        <translation>Máquina de vectores de soporte (RBF)</translation>
    </message>
    <message>
        <source>Logistic regression (linear)</source>
        <translation>Regresión logística (lineal)</translation>
    </message>
    <message>
        <source>The machine that learns deposits from the labelled pixels. Support vector machine: a flexible boundary, C and gamma chosen by cross-validation. Logistic regression: a straight boundary in feature space, steadier with few labels; C is its regularisation (Automatic: 1) and gamma is not used.</source>
        <translation>El método que aprende los yacimientos a partir de los píxeles etiquetados. Máquina de vectores de soporte: una frontera flexible, con C y gamma elegidos por validación cruzada. Regresión logística: una frontera recta en el espacio de rasgos, más estable con pocas etiquetas; C es su regularización (Automático: 1) y gamma no se usa.</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>Método</translation>
    </message>
    <message>
        <source>Restore Lodestone&apos;s default settings (the paper&apos;s are the preset of lodestone-cli run --preset paper)</source>
        <translation>Restablecer los ajustes predeterminados de Lodestone (los del artículo son el preajuste de lodestone-cli run --preset paper)</translation>
    </message>
    <message>
        <source>Logistic regression, pixel-features mode: the machine sees the first K principal components of the feature rasters (computed over every valid pixel, without the labels) beside the magnetic products, instead of the rasters themselves. Fewer inputs can steady a map trained on a handful of labels; measured on Kolari and the demo surveys it was not a clear gain (docs/METHOD.md), so it is off by default.</source>
        <translation>Regresión logística, modo de características por píxel: el método ve las K primeras componentes principales de los ráster de características (calculadas sobre todos los píxeles válidos, sin las etiquetas) junto a los productos magnéticos, en lugar de los propios ráster. Menos entradas pueden estabilizar un mapa entrenado con pocas etiquetas; medido en Kolari y en los levantamientos de demostración no fue una mejora clara (docs/METHOD.md), por lo que está desactivado por defecto.</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Each deposit label also trains the map&apos;s classifier on the unlabelled pixels within this many cells of it (1: its four neighbours), because a known occurrence stands for a small area rather than one cell and its mapped position is rarely exact to a cell. Non-deposit labels are used as given, and so is every label in cross-validation. Measured on Kolari and the demo surveys (docs/METHOD.md).</source>
        <translation>Cada etiqueta de depósito entrena también el clasificador del mapa con los píxeles sin etiqueta a esta distancia en celdas (1: sus cuatro vecinos), porque una ocurrencia conocida representa un área pequeña y no una celda, y su posición cartografiada rara vez es exacta a una celda. Las etiquetas sin depósito se usan tal cual, y también todas las etiquetas en la validación cruzada. Medido en Kolari y en los levantamientos de demostración (docs/METHOD.md).</translation>
    </message>
    <message>
        <source>Principal components</source>
        <translation>Componentes principales</translation>
    </message>
    <message>
        <source>Deposit buffer (cells)</source>
        <translation>Margen de depósito (celdas)</translation>
    </message>
    <message>
        <source>All (1, 2, 3)</source>
        <translation>Todas (1, 2, 3)</translation>
    </message>
    <message>
        <source>Deepest (3)</source>
        <translation>La más profunda (3)</translation>
    </message>
    <message>
        <source>2 and 3</source>
        <translation>2 y 3</translation>
    </message>
    <message>
        <source>1 and 2</source>
        <translation>1 y 2</translation>
    </message>
    <message>
        <source>1 and 3</source>
        <translation>1 y 3</translation>
    </message>
    <message>
        <source>1</source>
        <translation>1</translation>
    </message>
    <message>
        <source>2</source>
        <translation>2</translation>
    </message>
    <message>
        <source>Logistic regression, pixel-features mode: the encoder layers whose feature rasters the machine sees beside the magnetic products (the others get no weight; features.tif keeps them all). Layer 1 describes each pixel&apos;s immediate neighbourhood, layer 3 the shape of the anomaly across the patch.</source>
        <translation>Regresión logística, modo características de píxel: las capas del codificador cuyos rásteres de características ve la máquina junto a los productos magnéticos (las demás no reciben peso; features.tif las conserva todas). La capa 1 describe el entorno inmediato de cada píxel; la capa 3, la forma de la anomalía en todo el parche.</translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation>Capas del codificador</translation>
    </message>
</context>
<context>
    <name>lodestone::TrainingWorker</name>
    <message>
        <source>There is not enough memory for this training run. Try fewer training patches, a smaller batch size or fewer filters.</source>
        <translation>No hay memoria suficiente para este entrenamiento. Pruebe con menos parches de entrenamiento, un tamaño de lote menor o menos filtros.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>El entrenamiento falló: %1</translation>
    </message>
    <message>
        <source>Training failed with an unknown error.</source>
        <translation>El entrenamiento falló con un error desconocido.</translation>
    </message>
</context>
<context>
    <name>lodestone::UncertaintyLayer</name>
    <message>
        <source>Uncertainty (ensemble of %1)</source>
        <translation>Incertidumbre (conjunto de %1)</translation>
    </message>
    <message>
        <source>%1
Standard deviation of the deposit probability over the %2 networks of the ensemble: where it is high, the members disagree and the map is less certain</source>
        <translation>%1
Desviación estándar de la probabilidad de depósito entre las %2 redes del conjunto: donde es alta, los miembros discrepan y el mapa es menos seguro</translation>
    </message>
    <message>
        <source>Colours from 0 to %1</source>
        <translation>Colores de 0 a %1</translation>
    </message>
</context>
<context>
    <name>lodestone::UncertaintyLegend</name>
    <message>
        <source>Colours of the uncertainty layer: the standard deviation of the deposit probability over the networks of the ensemble</source>
        <translation>Colores de la capa de incertidumbre: la desviación estándar de la probabilidad de depósito entre las redes del conjunto</translation>
    </message>
</context>
<context>
    <name>lodestone::UserLayers</name>
    <message>
        <source>Add &amp;Raster Layer…</source>
        <translation>Añadir capa &amp;ráster…</translation>
    </message>
    <message>
        <source>Show another raster (any format GDAL reads) over the survey, e.g. a product made elsewhere; it is resampled onto the survey&apos;s grid if need be</source>
        <translation>Mostrar otro ráster (cualquier formato que lea GDAL) sobre el levantamiento, p. ej. un producto hecho en otro programa; se remuestrea en la malla del levantamiento si hace falta</translation>
    </message>
    <message>
        <source>Save &amp;Layer As GeoTIFF…</source>
        <translation>Guardar &amp;capa como GeoTIFF…</translation>
    </message>
    <message>
        <source>Write the selected product or added layer as a Float32 GeoTIFF on the survey&apos;s grid</source>
        <translation>Escribir el producto o la capa añadida seleccionados como GeoTIFF Float32 en la malla del levantamiento</translation>
    </message>
    <message>
        <source>Re&amp;move Layer</source>
        <translation>&amp;Quitar capa</translation>
    </message>
    <message>
        <source>Remove the selected product or added layer from the map</source>
        <translation>Quitar del mapa el producto o la capa añadida seleccionados</translation>
    </message>
    <message>
        <source>%1 x %2 cells</source>
        <translation>%1 x %2 celdas</translation>
    </message>
    <message>
        <source>of %1 x %2</source>
        <translation>de %1 x %2</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>en %1</translation>
    </message>
    <message>
        <source>its cells are shifted: %1</source>
        <translation>sus celdas están desplazadas: %1</translation>
    </message>
    <message>
        <source>it has %1, the survey %2</source>
        <translation>tiene %1, el levantamiento %2</translation>
    </message>
    <message>
        <source>Add Raster Layer</source>
        <translation>Añadir capa ráster</translation>
    </message>
    <message>
        <source>Cannot Add Layer</source>
        <translation>No se puede añadir la capa</translation>
    </message>
    <message>
        <source>Open a survey first: layers are shown on the survey&apos;s grid.</source>
        <translation>Abra primero un levantamiento: las capas se muestran en la malla del levantamiento.</translation>
    </message>
    <message>
        <source>no survey</source>
        <translation>sin levantamiento</translation>
    </message>
    <message>
        <source>Another layer is being read or written; try again when it is done.</source>
        <translation>Se está leyendo o escribiendo otra capa; inténtelo de nuevo cuando termine.</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>ocupado</translation>
    </message>
    <message>
        <source>%1 (band %2)</source>
        <translation>%1 (banda %2)</translation>
    </message>
    <message>
        <source>%1 is not on the survey&apos;s grid: %2.</source>
        <translation>%1 no está en la malla del levantamiento: %2.</translation>
    </message>
    <message>
        <source>Without georeferencing on both it cannot be placed on the survey.</source>
        <translation>Sin georreferenciación en ambos no se puede situar sobre el levantamiento.</translation>
    </message>
    <message>
        <source>Resample Layer?</source>
        <translation>¿Remuestrear la capa?</translation>
    </message>
    <message>
        <source>Resample it onto the survey&apos;s grid (bilinear, reprojected if the CRS differs)? Cells outside it are left empty.</source>
        <translation>¿Remuestrearla en la malla del levantamiento (bilineal, reproyectada si el SRC difiere)? Las celdas fuera de ella quedan vacías.</translation>
    </message>
    <message>
        <source>%1 was not added.</source>
        <translation>No se añadió %1.</translation>
    </message>
    <message>
        <source>%1 (resampled)</source>
        <translation>%1 (remuestreada)</translation>
    </message>
    <message>
        <source>Resampling %1…</source>
        <translation>Remuestreando %1…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Leyendo %1…</translation>
    </message>
    <message>
        <source>%1, resampled onto the survey&apos;s grid</source>
        <translation>%1, remuestreada en la malla del levantamiento</translation>
    </message>
    <message>
        <source>Added %1.</source>
        <translation>Se añadió %1.</translation>
    </message>
    <message>
        <source>Adding %1 was canceled.</source>
        <translation>Se canceló la adición de %1.</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>Save Layer As GeoTIFF</source>
        <translation>Guardar capa como GeoTIFF</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF (*.tif *.tiff)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Escribiendo %1…</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>Se guardó %1.</translation>
    </message>
    <message>
        <source>Saving %1 was canceled; nothing was written.</source>
        <translation>Se canceló el guardado de %1; no se escribió nada.</translation>
    </message>
    <message>
        <source>Cannot Save Layer</source>
        <translation>No se puede guardar la capa</translation>
    </message>
    <message>
        <source>This layer exists only in memory: save it as a GeoTIFF (File &gt; Save Layer As) to use it as a model input, so that the model can be applied again.</source>
        <translation>Esta capa solo existe en memoria: guárdela como GeoTIFF (Archivo &gt; Guardar capa como GeoTIFF) para usarla como entrada del modelo, de modo que el modelo pueda aplicarse de nuevo.</translation>
    </message>
    <message>
        <source>Layers Not Restored</source>
        <translation>Capas no restauradas</translation>
    </message>
    <message>
        <source>Another layer is being read or written; these layers of the project were not restored: %1.</source>
        <translation>Se está leyendo o escribiendo otra capa; estas capas del proyecto no se restauraron: %1.</translation>
    </message>
    <message>
        <source>Restoring the project&apos;s layers…</source>
        <translation>Restaurando las capas del proyecto…</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Some layers of the project could not be restored:
%1</source>
        <translation>Algunas capas del proyecto no se pudieron restaurar:
%1</translation>
    </message>
    <message>
        <source>Restoring the project&apos;s layers was canceled.</source>
        <translation>Se canceló la restauración de las capas del proyecto.</translation>
    </message>
    <message>
        <source>Restored the project&apos;s layers. %1</source>
        <translation>Se restauraron las capas del proyecto. %1</translation>
    </message>
    <message>
        <source>Added %1. %2</source>
        <translation>Se añadió %1. %2</translation>
    </message>
</context>
<context>
    <name>lodestone::ValidationOccurrences</name>
    <message>
        <source>None: the map is evaluated at held-out groups of the training deposits.</source>
        <translation>Ninguna: el mapa se evalúa en grupos reservados de los depósitos de entrenamiento.</translation>
    </message>
    <message>
        <source>%1 occurrences from %2</source>
        <translation>%1 ocurrencias de %2</translation>
    </message>
    <message>
        <source>Validation Occurrences</source>
        <translation>Ocurrencias de validación</translation>
    </message>
    <message>
        <source>Cannot Read Validation Occurrences</source>
        <translation>No se pueden leer las ocurrencias de validación</translation>
    </message>
    <message>
        <source>Validation occurrences (%1)</source>
        <translation>Ocurrencias de validación (%1)</translation>
    </message>
    <message>
        <source>%1: %2 points, %3 validation pixels on valid ground.</source>
        <translation>%1: %2 puntos, %3 píxeles de validación en terreno válido.</translation>
    </message>
</context>
<context>
    <name>lodestone::ValidationPointLayer</name>
    <message>
        <source>%1
%2 validation occurrences: deposits the run does not train on; the map&apos;s prediction rate is measured at them</source>
        <translation>%1
%2 ocurrencias de validación: depósitos con los que la ejecución no se entrena; en ellos se mide la tasa de predicción del mapa</translation>
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
        <source>Label raster on the grid of FILE to open with it (0 non-deposit, 1 deposit, 2 unknown).</source>
        <translation>Ráster de etiquetas en la malla de FILE que se abre con él (0 sin depósito, 1 depósito, 2 desconocido).</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>etiquetas</translation>
    </message>
    <message>
        <source>Survey raster to open (any format GDAL reads), or a Lodestone project (.lodestone).</source>
        <translation>Ráster del levantamiento que se abrirá (cualquier formato que lea GDAL), o un proyecto de Lodestone (.lodestone).</translation>
    </message>
    <message>
        <source>--labels needs a survey FILE to open.</source>
        <translation>--labels necesita un FILE de levantamiento que abrir.</translation>
    </message>
    <message>
        <source>lodestone: there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a desktop session, or use lodestone-cli for work without a window.</source>
        <translation>lodestone: no hay ninguna pantalla en la que abrir la ventana (no está definida ni DISPLAY ni WAYLAND_DISPLAY). Ejecútelo en una sesión de escritorio, o use lodestone-cli para trabajar sin ventana.</translation>
    </message>
</context>
</TS>
